import Testing

@testable import PassimAnalysis

/// What Xapian's English Snowball stemmer really gives (through the Analyzer).
@Suite struct StemmingTests {
    let analyzer: Analyzer

    init() throws {
        analyzer = try Analyzer()
    }

    @Test(arguments: [
        ("cells", "cell"),
        ("scars", "scar"),
        ("scarring", "scar"),
        ("regenerative", "regen"),
        ("regenerates", "regener"),
        ("inflammation", "inflamm"),
        ("injections", "inject"),
        ("treatments", "treatment"),
        ("derived", "deriv"),
        ("fibroblasts", "fibroblast"),
        ("hyperpigmentation", "hyperpigment"),
        ("running", "run"),
        ("body", "bodi"),
        ("bodies", "bodi"),
        ("studies", "studi"),
        ("mesenchymal", "mesenchym"),
        ("collagen", "collagen"),
        ("platelet", "platelet"),
        ("stromal", "stromal"),
        ("generously", "generous"),
    ])
    func englishSnowball(_ pair: (String, String)) {
        #expect(analyzer.stem(pair.0) == pair.1)
    }

    /// Words that should meet for ranking do meet after stemming.
    @Test(arguments: [
        ("scarring", "scars"), ("cells", "cell"), ("body", "bodies"), ("injected", "injections"),
    ])
    func inflectionsShareAStem(_ pair: (String, String)) {
        #expect(analyzer.stem(pair.0) == analyzer.stem(pair.1))
    }

    /// Non-English and non-word input passes through unharmed.
    @Test(arguments: ["血小板", "2.18.0", "мир", ""])
    func otherScriptsAreUnchanged(_ term: String) {
        #expect(analyzer.stem(term) == term)
    }
}
