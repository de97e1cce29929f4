import Foundation
import Testing

@testable import PassimCore

/// Facets count every match, not only the page, by article and by source host.
@Suite struct FacetsTests {
    static let articles: [(String, String)] = [
        (
            "a",
            "Collagen Notes\n\nSkin\n\nCollagen in the skin keeps it firm.\n\nBones\n\nCollagen in bones gives them "
                + "strength.\n\nTendons\n\nCollagen in tendons carries the load.\n\n"
                + "Sources\n\nhttps://www.nih.gov/collagen\nhttps://pubmed.ncbi.nlm.nih.gov/123\n"
        ),
        ("b", "Skin Notes\n\nCollagen fades with age.\n\nSources\n\nhttps://nih.gov/skin\n"),
        ("c", "Other Notes\n\nElastin keeps skin firm.\n"),
    ]

    @Test func countsEveryMatchByArticleAndSource() throws {
        let index = try SearcherTests.index(Self.articles)
        let searcher = try Searcher(layout: index.layout)
        var request = SearchParameters(query: "collagen", limit: 1, facets: true)
        let result = try searcher.search(request)
        #expect(result.hits.count == 1)
        let facets = try #require(result.facets)
        #expect(facets.articles.map(\.article.id) == ["a", "b"])
        #expect(facets.articles.map(\.count) == [3, 1])
        // Each host once per article, as cited: nih.gov's passages are a's 3 and b's 1.
        #expect(facets.sources.map(\.domain) == ["nih.gov", "pubmed.ncbi.nlm.nih.gov"])
        #expect(facets.sources.map(\.count) == [4, 3])
        request.facets = false
        #expect(try searcher.search(request).facets == nil)
    }

    @Test func noMatchesCountNothing() throws {
        let index = try SearcherTests.index(Self.articles)
        let searcher = try Searcher(layout: index.layout)
        let facets = try #require(try searcher.search(SearchParameters(query: "zzyzx", facets: true)).facets)
        #expect(facets.articles.isEmpty && facets.sources.isEmpty)
    }
}
