import Foundation
import PassimCore
import PassimProtocol
import PassimServer
import Testing

/// The daemon answers exactly what PassimCore answers in-process, for search and the lookups.
@Suite struct SearchParityTests {
    static let queries: [(query: String, limit: Int, offset: Int, perArticle: Int?)] = [
        ("acne scars", 10, 0, nil),
        ("stem cells", 5, 0, 1),
        ("stem cells", 5, 5, nil),
        ("\"growth factors\"", 10, 0, nil),
        ("platelet*", 20, 0, nil),
        ("title:acne", 10, 0, nil),
        ("collagen NEAR/5 skin", 10, 0, nil),
        ("+PRP -acne", 10, 0, nil),
        ("microneedling OR laser", 10, 0, 2),
        ("body’s", 10, 0, nil),
        ("SVF", 10, 0, nil),
        ("how do stem cells help acne scars", 3, 0, nil),
        ("hyperpigmentaton", 10, 0, nil),
    ]

    @Test func searchesEqualInProcessResults() async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let searcher = try Searcher(layout: IndexLayout(directory: server.index))
        let client = try server.client()
        for item in Self.queries {
            var params: [String: JSONValue] = [
                "query": .string(item.query), "limit": .int(item.limit), "offset": .int(item.offset),
            ]
            if let perArticle = item.perArticle { params["perArticle"] = .int(perArticle) }
            let answer = try await client.call("search", params: .object(params))
            let remote = try #require(answer["result"], "\(item.query): \(answer)").decoded(SearchResult.self)
            let local = SearchResult(
                try searcher.search(
                    SearchParameters(
                        query: item.query, limit: item.limit, offset: item.offset, perArticle: item.perArticle)))
            #expect(remote == local, "\(item.query)")
        }
        // The table is not vacuous: most queries find something.
        let found = try Self.queries.filter {
            try !searcher.search(SearchParameters(query: $0.query, limit: $0.limit)).hits.isEmpty
        }
        #expect(found.count >= 10)
    }

    @Test func passageGetReturnsTheHitWithItsNeighbours() async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let searcher = try Searcher(layout: IndexLayout(directory: server.index))
        let client = try server.client()
        let hit = try #require(
            SearchResult(try searcher.search(SearchParameters(query: "fibroblasts", limit: 1))).hits.first)
        let answer = try await client.call("passage/get", params: ["id": .string(hit.passage.id), "context": 2])
        let result = try #require(answer["result"], "\(answer)").decoded(PassageGetResult.self)
        #expect(result.passage.passage == hit.passage)
        #expect(result.passage.location == hit.location)
        #expect(result.article == hit.article)
        #expect(result.before.map(\.passage.ordinal) == Array(max(1, hit.passage.ordinal - 2)..<hit.passage.ordinal))
        #expect(result.after.allSatisfy { $0.passage.ordinal > hit.passage.ordinal })
        #expect(result.after.count <= 2)

        let article = try await client.call(
            "article/get", params: ["id": .string(hit.article.id), "includePassages": true])
        let whole = try #require(article["result"], "\(article)").decoded(ArticleGetResult.self)
        let passages = try #require(whole.passages)
        #expect(passages.count == whole.passageCount)
        #expect(passages.map(\.passage.ordinal) == Array(1...whole.passageCount))
        #expect(passages.contains { $0.passage == hit.passage && $0.location == hit.location })
        // Each passage's text is the file's bytes at its location.
        let file = try Data(contentsOf: URL(fileURLWithPath: whole.article.path))
        for record in passages {
            #expect(Array(file[record.location.start..<record.location.end]) == Array(record.passage.text.utf8))
        }
        let bare = try await client.call("article/get", params: ["id": .string(hit.article.id)])
        #expect(bare["result"]?["passages"] == nil)
        #expect(bare["result"]?["passageCount"] == .int(whole.passageCount))
    }

    @Test func suggestCompletesFromIndexedWordsMostFrequentFirst() async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let client = try server.client()
        let answer = try await client.call("suggest", params: ["prefix": "Fib", "limit": 5])
        let result = try #require(answer["result"], "\(answer)").decoded(SuggestResult.self)
        #expect(result.prefix == "Fib")
        #expect(!result.completions.isEmpty)
        #expect(result.completions.count <= 5)
        #expect(result.completions.allSatisfy { $0.term.hasPrefix("fib") && $0.frequency > 0 })
        #expect(result.completions.map(\.frequency) == result.completions.map(\.frequency).sorted(by: >))
        // Every completion really is searchable.
        let searcher = try Searcher(layout: IndexLayout(directory: server.index))
        for completion in result.completions {
            #expect(try !searcher.search(SearchParameters(query: completion.term)).hits.isEmpty, "\(completion.term)")
        }
        let none = try await client.call("suggest", params: ["prefix": "zzzqqq"])
        #expect(none["result"]?["completions"] == [])
    }
}
