import PassimAnalysis
import PassimQuery
import Testing

/// Query + passage -> the passage tokens the plan marks (tokens first, then bigrams).
private let highlightCases: [(query: String, passage: String, hits: [String])] = [
    ("stem cells -acne", "Stem cell therapy treats acne.", ["stem", "cell"]),
    ("stem NOT acne", "acne and stem", ["stem"]),
    ("\"stem cells\"", "Stem cell; stem cells.", ["stem", "cell", "stem", "cells"]),
    ("graft*", "Grafting and grafts, not a craft.", ["grafting", "grafts"]),
    ("title:fat", "fat grafting", ["fat"]),
    ("source:nih.gov", "nih.gov says so", []),
    ("article:x fat", "fat x", ["fat"]),
    ("svf", "The stromal vascular fraction (SVF).", ["stromal", "vascular", "fraction", "svf"]),
    ("stromal vascular fraction", "SVF and stroma", ["svf"]),
    ("fat NEAR/2 graft", "A fat graft.", ["fat", "graft"]),
    ("the cells", "The cells", ["cells"]),
    ("the", "The end of the story", ["the", "the"]),
    ("body’s", "The body's response; bodies", ["body", "bodies"]),
    ("血小板", "血小板研究", ["血小板", "血小", "小板"]),
    ("小板", "血小板", ["小板"]),
    ("-graft*", "grafting", []),
]

@Suite struct HighlightPlanTests {
    let analyzer: Analyzer

    init() throws {
        analyzer = try Analyzer()
    }

    @Test(arguments: highlightCases)
    func hitsInPassage(query: String, passage: String, hits: [String]) throws {
        let plan = try QueryCompiler(analyzer: analyzer, lexicon: FixtureLexicon())
            .compile(QueryParser().parse(query)).highlight
        let analyzed = analyzer.analyze(passage)
        let marked = (analyzed.tokens + analyzed.bigrams).filter { token in
            plan.matches(token: token, stem: token.kind == .word ? analyzer.stem(token.term) : nil)
        }
        #expect(marked.map(\.term) == hits)
    }

    @Test func bigramsOnlyMatchBigramTokens() {
        let plan = HighlightPlan(terms: ["小板"], bigrams: ["血小"])
        #expect(
            plan.matches(token: Token(term: "血小", start: 0, end: 6, position: 1, kind: .bigram), stem: nil))
        #expect(
            !plan.matches(token: Token(term: "小板", start: 3, end: 9, position: 2, kind: .bigram), stem: nil))
        #expect(
            plan.matches(
                token: Token(term: "小板", start: 3, end: 9, position: 1, kind: .ideographic), stem: nil))
        #expect(
            !plan.matches(
                token: Token(term: "血小", start: 0, end: 6, position: 1, kind: .ideographic), stem: nil))
    }

    @Test func stemsNeedTheCallersStem() {
        let plan = HighlightPlan(stems: ["graft"])
        let token = Token(term: "grafts", start: 0, end: 6, position: 1, kind: .word)
        #expect(plan.matches(token: token, stem: "graft"))
        #expect(!plan.matches(token: token, stem: nil))
    }

    @Test func prefixesCompareUTF8Bytes() {
        let plan = HighlightPlan(prefixes: ["caf"])
        #expect(
            plan.matches(token: Token(term: "café", start: 0, end: 5, position: 1, kind: .word), stem: nil))
        #expect(
            !plan.matches(token: Token(term: "ca", start: 0, end: 2, position: 1, kind: .word), stem: nil))
        #expect(HighlightPlan().isEmpty)
        #expect(!plan.isEmpty)
    }
}
