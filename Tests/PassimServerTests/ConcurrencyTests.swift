import Foundation
import PassimCore
import PassimProtocol
import PassimServer
import Testing

/// Many clients at once: every answer is right, none is an error, none goes to the wrong client.
@Suite struct ConcurrencyTests {
    static let queries = [
        "acne scars", "stem cells", "\"growth factors\"", "platelet*", "title:acne", "collagen NEAR/5 skin",
        "microneedling OR laser", "fibroblasts", "SVF", "body’s", "how do stem cells help acne scars",
    ]

    @Test func sixteenClientsTimesTwoHundredQueries() async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let searcher = try Searcher(layout: IndexLayout(directory: server.index))
        var expected: [String: SearchResult] = [:]
        for query in Self.queries {
            expected[query] = SearchResult(try searcher.search(SearchParameters(query: query, limit: 5)))
        }
        let answers = expected
        let socket = server.socket
        let failures = await concurrently(16) { clientIndex in
            do {
                let client = try TestClient(
                    socket: socket, framing: clientIndex.isMultiple(of: 2) ? .lines : .contentLength)
                for round in 0..<200 {
                    let query = Self.queries[(clientIndex + round) % Self.queries.count]
                    let answer = try client.call("search", params: ["query": .string(query), "limit": 5])
                    guard let result = answer["result"] else { return "client \(clientIndex): \(answer)" }
                    guard try result.decoded(SearchResult.self) == answers[query] else {
                        return "client \(clientIndex) round \(round): a different result for \(query)"
                    }
                }
                return nil
            } catch {
                return "client \(clientIndex): \(error)"
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        let stats = try await server.client().call("stats")
        #expect(stats["result"]?["queries"]?["total"] == 3_200)
        #expect(stats["result"]?["queries"]?["failed"] == 0)
    }

    @Test func pipelinedRequestsAreAllAnsweredOnceByID() async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let client = try server.client()
        var sent: [Int: String] = [:]
        for round in 0..<100 {
            let query = Self.queries[round % Self.queries.count]
            let id = try await client.request("search", params: ["query": .string(query), "limit": 3])
            sent[id] = query
        }
        var answered: [Int: String] = [:]
        for _ in 0..<100 {
            let message = try #require(try await client.next())
            let id = try #require(message["id"]?.int)
            #expect(answered[id] == nil, "answered twice: \(id)")
            answered[id] = try #require(message["result"]?["query"]?.string, "\(message)")
        }
        #expect(answered == sent)
    }

    @Test func aClientThatDoesNotReadDoesNotStallOthers() async throws {
        let server = try await ServerFixture { $0.shutdownGracePeriod = .seconds(1) }
        // A client floods requests for large results and never reads its answers.
        let hog = try server.client()
        let request =
            Array(
                #"{"jsonrpc":"2.0","id":1,"method":"article/get","params":{"id":"000_c0039b83ab477ca1","includePassages":true}}"#
                    .utf8) + [0x0A]
        let flood = Array([[UInt8]](repeating: request, count: 2_000).joined())
        let socket = server.socket
        let writerDone = DispatchSemaphore(value: 0)
        let writer = Thread {
            // The daemon stops reading this client, so the send blocks until the shutdown below.
            try? hog.send(raw: flood)
            writerDone.signal()
        }
        writer.start()
        // Others are still served while the hog's answers pile up unread.
        let failures = await concurrently(4) { index in
            do {
                let client = try TestClient(socket: socket)
                for _ in 0..<20 {
                    let answer = try client.call("search", params: ["query": "acne"], timeout: 60)
                    if answer["result"] == nil { return "client \(index): \(answer)" }
                }
                return nil
            } catch {
                return "client \(index): \(error)"
            }
        }
        #expect(failures.isEmpty, "\(failures)")
        // A shutdown while the hog still holds unread answers: after its grace period the daemon
        // closes the connection and stops cleanly instead of waiting forever.
        server.stop()
        await server.stopped()
        hog.shutdownBoth()
        #expect(try await offload { writerDone.wait(timeout: .now() + 60) } == .success)
        hog.close()
    }
}
