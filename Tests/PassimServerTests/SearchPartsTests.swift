import Foundation
import PassimCore
import PassimProtocol
import Testing

@testable import PassimServer

/// A large page searched in parts on the searcher threads is the page an in-process search
/// answers, hit for hit.
@Suite struct SearchPartsTests {
    @Test(arguments: [(1, 2, 20), (9, 2, 5), (10, 2, 5), (1_000, 2, 20), (1_000, 3, 20), (999, 4, 100), (41, 8, 20)])
    func partsCoverThePageInOrder(limit: Int, threads: Int, minimumHits: Int) {
        let page = SearchParameters(query: "cells", limit: limit, offset: 7, perArticle: 2)
        let parts = SearchParts(page, threads: threads, minimumHits: minimumHits).requests
        #expect(parts.count == max(1, min(threads, limit / minimumHits)))
        var next = page.offset
        for part in parts {
            #expect(part.offset == next && part.limit >= min(limit, minimumHits))
            #expect(part.query == page.query && part.perArticle == page.perArticle)
            next += part.limit
        }
        // The last part asks for the page's whole depth, so it counts matches as the page would.
        #expect(next == page.offset + page.limit)
    }

    @Test func partsThatReadDifferentRevisionsOrDisagreeAreNotOnePage() {
        func part(_ ranks: ClosedRange<Int>, total: Int, corrected: String? = nil) -> SearchResult {
            SearchResult(
                query: "q", estimatedTotal: total, correctedQuery: corrected,
                hits: ranks.map { rank in
                    SearchHit(
                        rank: rank, score: 1, article: ArticleSummary(id: "a", title: "A", path: "/a", sources: []),
                        passage: PassageInfo(id: "a#\(rank)", ordinal: rank, section: nil, text: "t"),
                        location: TextRange(start: 0, end: 1, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2),
                        highlights: [])
                })
        }
        let merged = SearchParts.merge([(part(1...2, total: 9), 4), (part(3...4, total: 12), 4)])
        #expect(merged?.hits.map(\.rank) == [1, 2, 3, 4])
        #expect(merged?.estimatedTotal == 12, "the last part's count, made at the page's depth")
        #expect(SearchParts.merge([(part(1...2, total: 9), 4), (part(3...4, total: 9), 5)]) == nil)
        #expect(SearchParts.merge([(part(1...2, total: 9), 4), (part(3...4, total: 9, corrected: "x"), 4)]) == nil)
    }

    @Test func aDaemonSearchingInPartsAnswersWhatAnInProcessSearchAnswers() async throws {
        // Parts of two hits: every page of four or more is cut, on three searcher threads.
        let server = try await ServerFixture(configure: {
            $0.searchPartHits = 2
            $0.searcherThreads = 3
        })
        defer { server.stop() }
        let searcher = try Searcher(layout: IndexLayout(directory: server.index))
        let client = try server.client()
        let pages: [(query: String, limit: Int, offset: Int, perArticle: Int?)] = [
            ("stem cells", 4, 0, nil), ("stem cells", 7, 3, nil), ("cells OR skin OR acne", 50, 0, nil),
            ("cells OR skin OR acne", 25, 10, 2), ("platelet*", 9, 0, nil), ("hyperpigmentaton", 6, 0, nil),
            ("\"growth factors\"", 5, 0, 1), ("(stem cells", 8, 0, nil), ("nothingmatchesthisxyz", 8, 0, nil),
            ("collagen", 1_000, 0, nil),
        ]
        for page in pages {
            var params: [String: JSONValue] = [
                "query": .string(page.query), "limit": .int(page.limit), "offset": .int(page.offset),
            ]
            if let perArticle = page.perArticle { params["perArticle"] = .int(perArticle) }
            let answer = try await client.call("search", params: .object(params))
            let remote = try #require(answer["result"], "\(page.query): \(answer)").decoded(SearchResult.self)
            let local = SearchResult(
                try searcher.search(
                    SearchParameters(
                        query: page.query, limit: page.limit, offset: page.offset, perArticle: page.perArticle)))
            #expect(remote == local, "\(page)")
        }
        // Not vacuous: some pages were long enough to cut into several parts of hits.
        let long = try searcher.search(SearchParameters(query: "cells OR skin OR acne", limit: 50))
        #expect(long.hits.count >= 10)
        // A syntax error is answered once, with its offset, however many parts met it.
        let syntax = try await client.call("search", params: ["query": "cells title:", "limit": 8])
        #expect(syntax.errorCode == ErrorCode.querySyntax.rawValue, "\(syntax)")
        let stats = try await client.call("stats")
        #expect(stats["result"]?["queries"]?["total"] == .int(pages.count + 1))
    }
}
