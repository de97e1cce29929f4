import Foundation
import PassimProtocol
import Testing

@testable import PassimServer

/// `$/cancelRequest`, deadlines, and in-flight work at shutdown.
///
/// The daemon's searches are held at a `Gate` until the test opens it, so a cancel, a
/// deadline or a shutdown reliably arrives while a search is in flight. Nothing here measures
/// time or sleeps: each step waits for the event it needs.
@Suite struct CancellationTests {
    @Test func cancelAnswersTheRequestWithRequestCancelled() async throws {
        let gate = Gate()
        defer { gate.open() }
        let server = try await ServerFixture(handlers: .holdingSearches(at: gate))
        defer { server.stop() }
        let client = try server.client()
        let id = try await client.request("search", params: ["query": "acne"])
        try await client.notify("$/cancelRequest", params: ["id": .int(id)])
        let answer = try await client.response(id: .int(id))
        #expect(answer.errorCode == ErrorCode.requestCancelled.rawValue, "\(answer)")
        #expect(answer["result"] == nil)
        gate.open()
        #expect(try await client.call("ping")["result"] == [:])
        let stats = try await client.call("stats")
        #expect(stats["result"]?["queries"]?["cancelled"] == 1)
    }

    /// A search and its cancellation read together (the client replaced it while the daemon
    /// was busy or paused): the search never reaches a searcher thread, whatever the threads'
    /// timing, and counts as cancelled.
    @Test func aSearchCancelledInTheSameReadNeverRuns() async throws {
        let gate = Gate()
        defer { gate.open() }
        let server = try await ServerFixture(handlers: .holdingSearches(at: gate))
        defer { server.stop() }
        let client = try server.client()
        let search = #"{"jsonrpc":"2.0","id":1,"method":"search","params":{"query":"acne"}}"#
        let cancel = #"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#
        let next = #"{"jsonrpc":"2.0","id":2,"method":"search","params":{"query":"acne scars"}}"#
        try await client.send(raw: Array([search, cancel, next, ""].joined(separator: "\n").utf8))
        let answer = try await client.response(id: .int(1))
        #expect(answer.errorCode == ErrorCode.requestCancelled.rawValue, "\(answer)")
        // The search after it runs: it holds the one searcher thread the gate lets it take.
        try await offload { gate.waitUntilHolding(1) }
        gate.open()
        #expect(try await client.response(id: .int(2))["result"]?["hits"] != nil)
        #expect(gate.holds == 1, "the cancelled search reached a searcher thread")
        let stats = try await client.call("stats")
        #expect(stats["result"]?["queries"]?["cancelled"] == 1)
    }

    /// Which requests of a batch a later `$/cancelRequest` of the same batch names.
    @Test func aCancelLaterInTheBatchNamesItsRequest() {
        func request(_ id: Int) -> ConnectionReader.Item {
            .message(.request(id: .number(id), request: SearchRequest(query: "acne")))
        }
        func cancel(_ id: Int) -> ConnectionReader.Item {
            .message(.notification(CancelRequestNotification(id: .number(id))))
        }
        let cases: [(name: String, batch: [ConnectionReader.Item], cancelled: Set<Int>)] = [
            ("a search, then its cancel", [request(1), cancel(1)], [0]),
            ("a cancel before its request names an earlier one", [cancel(1), request(1)], []),
            ("another id", [request(1), cancel(2)], []),
            ("two searches, the first cancelled", [request(1), request(2), cancel(1)], [0]),
            ("a reused id: the request before the cancel", [request(1), cancel(1), request(1)], [0]),
            ("the nearest of two with one id", [request(1), request(1), cancel(1)], [1]),
        ]
        for test in cases {
            #expect(ConnectionReader.cancelledLater(in: test.batch) == test.cancelled, "\(test.name)")
        }
    }

    @Test func aQueuedRequestCanBeCancelledToo() async throws {
        let gate = Gate()
        defer { gate.open() }
        let server = try await ServerFixture(handlers: .holdingSearches(at: gate))
        defer { server.stop() }
        let client = try server.client()
        // More searches than the two searcher threads: the last ones wait in the queue.
        var ids: [Int] = []
        for _ in 0..<6 { ids.append(try await client.request("search", params: ["query": "stem cells"])) }
        try await offload { gate.waitUntilHolding(2) }
        let last = try #require(ids.last)
        try await client.notify("$/cancelRequest", params: ["id": .int(last)])
        // Nothing else can answer while the gate is shut: the first answer is the cancelled one.
        let cancelled = try #require(try await client.next())
        #expect(cancelled["id"] == .int(last))
        #expect(cancelled.errorCode == ErrorCode.requestCancelled.rawValue, "\(cancelled)")
        gate.open()
        var answers: [Int: JSONValue] = [:]
        for _ in ids.dropLast() {
            let message = try #require(try await client.next())
            answers[try #require(message["id"]?.int)] = message
        }
        for id in ids.dropLast() {
            #expect(answers[id]?["result"]?["hits"] != nil, "\(String(describing: answers[id]))")
        }
    }

    /// A client that closes its connection (as fzf kills a replaced `passim pick --lines`)
    /// reads no answer: its searches, running or queued, are cancelled and counted so, as if it
    /// had sent `$/cancelRequest` for each. (Before, they ran to the end for nobody.)
    @Test func aClosedConnectionCancelsItsRequests() async throws {
        let gate = Gate()
        defer { gate.open() }
        let server = try await ServerFixture(handlers: .holdingSearches(at: gate))
        defer { server.stop() }
        let leaving = try server.client()
        // One search on each of the two searcher threads, one queued behind them.
        for _ in 0..<3 { _ = try await leaving.request("search", params: ["query": "acne"]) }
        try await offload { gate.waitUntilHolding(2) }
        leaving.close()
        #expect(try await offload { gate.waitUntilStopped(3) }, "the searches of a closed connection went on")
        let stats = try await server.client().call("stats")
        #expect(stats["result"]?["queries"]?["cancelled"] == 3, "\(stats)")
        #expect(stats["result"]?["queries"]?["total"] == 3, "\(stats)")
    }

    @Test func aLateRequestAnswersDeadlineExceeded() async throws {
        let gate = Gate()
        defer { gate.open() }
        let server = try await ServerFixture(handlers: .holdingSearches(at: gate))
        defer { server.stop() }
        let client = try server.client(.contentLength)
        let answer = try await client.call("search", params: ["query": "acne", "deadlineMs": 50])
        #expect(answer.errorCode == ErrorCode.deadlineExceeded.rawValue, "\(answer)")
        #expect(answer["error"]?["data"]?["deadlineMs"] == 50)
        gate.open()
        // A generous deadline is met.
        let met = try await client.call("search", params: ["query": "acne", "deadlineMs": 600_000])
        #expect(met["result"]?["hits"] != nil, "\(met)")
        let stats = try await client.call("stats")
        #expect(stats["result"]?["queries"]?["deadlineExceeded"] == 1)
        #expect(stats["result"]?["queries"]?["total"] == 2)
    }

    @Test func unknownAndFinishedIdsAreIgnored() async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let client = try server.client()
        let first = try await client.request("ping")
        #expect(try await client.response(id: .int(first))["result"] == [:])
        try await client.notify("$/cancelRequest", params: ["id": .int(first)])
        try await client.notify("$/cancelRequest", params: ["id": "never-sent"])
        try await client.notify("$/cancelRequest", params: ["id": [1, 2]])
        // The next message is the next answer: nothing was sent for the cancels.
        let next = try await client.request("ping")
        let message = try #require(try await client.next())
        #expect(message["id"] == .int(next))
        #expect(message["result"] == [:])
    }

    @Test func shutdownFinishesRequestsInFlight() async throws {
        let gate = Gate()
        defer { gate.open() }
        // The grace period bounds how long a shutdown waits for answers; the test opens the gate
        // after the shutdown's answer, and a loaded machine may take longer than the default's
        // 10 s to run it. What is tested is that the answer comes, not how soon.
        let server = try await ServerFixture(handlers: .holdingSearches(at: gate)) {
            $0.shutdownGracePeriod = .seconds(600)
        }
        let searching = try server.client()
        let id = try await searching.request("search", params: ["query": "collagen"])
        try await offload { gate.waitUntilHolding(1) }
        let admin = try server.client()
        #expect(try await admin.call("shutdown")["result"] == .null)
        gate.open()
        let answer = try await searching.response(id: .int(id))
        #expect(answer["result"]?["hits"] != nil, "\(answer)")
        #expect(try await searching.waitForClose())
        await server.stopped()
        #expect(!FileManager.default.fileExists(atPath: server.socket))
    }
}
