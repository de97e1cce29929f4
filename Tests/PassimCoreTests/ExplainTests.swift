import Foundation
import PassimQuery
import Testing

@testable import PassimCore

/// `explain`: each hit's score split into the query's items, which add up to the score.
@Suite struct ExplainTests {
    static let articles: [(String, String)] = [
        (
            "acne",
            "Acne Scars and Collagen\n\nStromal vascular fraction (SVF) is rich in stem cells that rebuild "
                + "collagen in damaged skin.\n\nHow it works\n\nCollagen and elastin keep the skin firm; "
                + "cell-derived growth factors help.\n"
        ),
        ("skin", "Skin Notes\n\nDamaged skin heals slowly. Collagen fibres and elastin fibres age.\n"),
        ("sun", "Sun Care\n\nSunscreen protects damaged skin from collagen loss every day.\n"),
    ]

    /// Queries of every shape the compiler builds: words, required and excluded words, phrases,
    /// NEAR, wildcards, fields, groups, acronyms, split words.
    static let queries = [
        "collagen", "collagen skin", "damaged skin collagen", "+collagen skin -sunscreen", "\"damaged skin\" elastin",
        "collagen NEAR/3 elastin", "colla* skin", "title:acne collagen", "collagen AND (elastin OR sunscreen)",
        "stromal vascular fraction", "svf stem cells", "cell-derived growth", "collagen NOT acne", "skin article:skin",
        "-sunscreen",
    ]

    @Test(arguments: queries)
    func thePartsAddUpToTheScore(query: String) throws {
        let index = try SearcherTests.index(Self.articles)
        let searcher = try Searcher(layout: index.layout)
        var request = SearchParameters(query: query, limit: 20, correctSpelling: false)
        request.explain = true
        // Under Passim's weighting and the ones it can be measured against alike.
        for scheme in [nil, WeightingScheme.bm25, .pl2, .dph] {
            request.scheme = scheme
            let hits = try searcher.search(request).hits
            #expect(!hits.isEmpty, "\(query)")
            for hit in hits {
                let parts = try #require(hit.explanation)
                #expect(!parts.isEmpty || hit.score == 0, "only a query of exclusions has no part")
                let sum = parts.map(\.weight).reduce(0, +)
                #expect(abs(sum - hit.score) <= 1e-9 * max(1, hit.score), "\(query): \(parts) vs \(hit.score)")
            }
        }
        request.scheme = nil
        var plain = request
        plain.explain = false
        #expect(try searcher.search(plain).hits.allSatisfy { $0.explanation == nil })
    }

    @Test func wordsSayWhereTheyOccurAndWhatWasSearchedWithThem() throws {
        let index = try SearcherTests.index(Self.articles)
        let searcher = try Searcher(layout: index.layout)
        var request = SearchParameters(query: "collagen svf works", limit: 20, correctSpelling: false)
        request.explain = true
        let hit = try #require(try searcher.search(request).hits.first { $0.passage.section == "How it works" })
        let parts = try #require(hit.explanation)
        #expect(parts.map(\.text) == ["collagen", "svf", "works", "collagen svf works"])
        #expect(parts.map(\.kind) == [.word, .word, .word, .wordsTogether])
        #expect(parts[0].occurrences == FieldOccurrences(text: 1, heading: 0, title: 1))
        #expect(parts[1].synonyms == ["stromal vascular fraction"])
        #expect(parts[1].weight == 0)
        #expect(parts[2].occurrences == FieldOccurrences(text: 0, heading: 1, title: 0))
        #expect(parts[3].weight == 0)
    }
}
