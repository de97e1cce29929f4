import Foundation
import PassimAnalysis
import PassimArticles
import Testing

@testable import PassimCore

@Suite struct HighlighterTests {
    /// Words of the seed corpus plus words whose stems change more than an ending.
    static func vocabulary() throws -> Set<String> {
        let analyzer = try Analyzer()
        var words: Set<String> = [
            "dying", "lying", "tying", "skies", "skis", "yelling", "youth", "idly", "gently", "early", "news",
            "naïve", "café", "œuvre", "ßtraße", "ελληνικά", "русский", "y", "ys", "yyy", "aed", "ied", "ies",
        ]
        for article in try FreshBuildTests.articles() {
            for passage in article.passages {
                for token in analyzer.analyze(passage.text).tokens where token.kind == .word {
                    words.insert(token.term)
                }
            }
        }
        return words
    }

    /// The highlighter skips words whose first byte no query term, stem or prefix starts with;
    /// that relies on the stemmer keeping a word's first byte.
    @Test func aStemStartsWithTheFirstByteOfItsWord() throws {
        let analyzer = try Analyzer()
        let words = try Self.vocabulary()
        #expect(words.count > 500)
        for word in words {
            let stem = analyzer.stem(word)
            #expect(stem.isEmpty || stem.utf8.first == word.utf8.first, "\(word) -> \(stem)")
        }
    }

    /// Every hit's highlights are exactly the words whose term or stem is a query word's.
    @Test(arguments: ["collagen scars", "therapy treatments", "skin cells healing", "injected fibroblasts"])
    func highlightsAreTheWordsWhoseTermOrStemMatches(_ query: String) throws {
        let index = try TemporaryIndex()
        let writer = try IndexWriter(layout: index.layout)
        for article in try FreshBuildTests.articles() {
            try writer.replace(article)
        }
        try writer.close()
        let analyzer = try Analyzer()
        let queryTokens = analyzer.analyze(query).tokens
        let terms = Set(queryTokens.map(\.term))
        let stems = Set(queryTokens.map { analyzer.stem($0.term) })
        let result = try Searcher(layout: index.layout).search(SearchParameters(query: query, limit: 1000))
        #expect(result.hits.count > 3)
        var marked = 0
        for hit in result.hits {
            let expected = analyzer.analyze(hit.passage.text).tokens
                .filter { terms.contains($0.term) || ($0.kind == .word && stems.contains(analyzer.stem($0.term))) }
                .map { [$0.start, $0.end] }
            #expect(
                hit.highlights.map { [$0.range.lowerBound, $0.range.upperBound] } == expected,
                "\(query) \(hit.passageID.description)")
            marked += expected.count
        }
        #expect(marked > result.hits.count)
    }
}
