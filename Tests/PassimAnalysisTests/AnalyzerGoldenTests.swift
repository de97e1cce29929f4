import Testing

@testable import PassimAnalysis

/// Golden analyzer cases: terms, offsets, positions and kinds checked together, as Lucene's
/// BaseTokenStreamTestCase does, from `Golden/analyzer.tsv`.
@Suite struct AnalyzerGoldenTests {
    let analyzer: Analyzer

    init() throws {
        analyzer = try Analyzer()
    }

    @Test(arguments: try GoldenRow.load("analyzer.tsv"))
    func golden(_ row: GoldenRow) {
        let input = unescapeGolden(row[0])
        let analyzed = analyzer.analyze(input)
        let tokens = render(analyzed.tokens, kinds: true)
        let bigrams = render(analyzed.bigrams, kinds: false)
        #expect(tokens == row[1], "actual row: \(row.name)\t\(row[0])\t\(tokens)\t\(bigrams)")
        #expect(bigrams == row[2], "actual row: \(row.name)\t\(row[0])\t\(tokens)\t\(bigrams)")
    }

    /// Spellings that must meet at the same terms, whatever their offsets.
    @Test(arguments: [
        ("body’s", "body's"),
        ("body’s", "body"),
        ("patient’s", "patient"),
        ("cell–derived", "cell-derived"),
        ("cell—derived", "cell derived"),
        ("Straße", "STRASSE"),
        ("ﬁbroblasts", "fibroblasts"),
        ("ＳＶＦ ｉｎｊｅｃｔｉｏｎｓ", "SVF injections"),
        ("cafe\u{301}", "café"),
        ("ΣΟΦΟΣ", "σοφοσ"),
        ("regen\u{AD}erative", "regenerative"),
    ])
    func sameTerms(_ pair: (String, String)) {
        let left = analyzer.analyze(pair.0).tokens.map(\.term)
        let right = analyzer.analyze(pair.1).tokens.map(\.term)
        #expect(!left.isEmpty)
        #expect(left == right)
    }

    @Test func normalizeIsTheTokenNormalization() {
        #expect(analyzer.normalize("Body’s") == "body")
        #expect(analyzer.normalize("ＳＶＦ") == "svf")
        #expect(analyzer.normalize("Straße") == "strasse")
        #expect(analyzer.normalize("rock’n’roll") == "rock'n'roll")
        #expect(analyzer.normalize("patients’") == "patients")
        #expect(analyzer.normalize("") == "")
    }

    /// A long token over the limit is dropped and positions stay consecutive.
    @Test func overlongTermsAreDropped() {
        let blob = String(repeating: "a", count: Analyzer.maximumTermLength + 1)
        let tokens = analyzer.analyze("before \(blob) after").tokens
        #expect(tokens.map(\.term) == ["before", "after"])
        #expect(tokens.map(\.position) == [1, 2])
        let longest = String(repeating: "b", count: Analyzer.maximumTermLength)
        #expect(analyzer.analyze(longest).tokens.map(\.term) == [longest])
    }

    /// The analyzer reuses its buffers: a long text (beyond the segment buffer it keeps), then a
    /// short one, must not leak state.
    @Test func reuseAcrossTexts() {
        let sentence = "Stem cells heal scars. 血小板 "
        let long = String(repeating: sentence, count: 5_000)
        #expect(long.utf8.count / 2 > 1 << 16)
        let first = analyzer.analyze(long)
        #expect(first.tokens.count == 5_000 * 5)
        #expect(first.tokens.last?.position == 25_000)
        #expect(first.tokens.last?.start == long.utf8.count - 10)
        #expect(first.bigrams.count == 5_000 * 2)
        let short = analyzer.analyze("Scars")
        #expect(short.tokens == [Token(term: "scars", start: 0, end: 5, position: 1, kind: .word)])
        #expect(short.bigrams.isEmpty)
    }
}
