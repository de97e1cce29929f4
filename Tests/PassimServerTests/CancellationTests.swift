import Foundation
import PassimProtocol
import Testing

/// `$/cancelRequest`, deadlines, and in-flight work at shutdown.
///
/// The daemon runs with its test hook `PASSIM_TEST_SEARCH_DELAY_MS`: each search waits on its
/// searcher thread before running, so a cancel or a short deadline reliably arrives first.
/// Nothing here measures time; the delay only orders events.
@Suite struct CancellationTests {
    static let slow = ["PASSIM_TEST_SEARCH_DELAY_MS": "1500"]

    @Test func cancelAnswersTheRequestWithRequestCancelled() throws {
        let server = try ServerFixture(environment: Self.slow)
        defer { server.stop() }
        let client = try server.client()
        let id = try client.request("search", params: ["query": "acne"])
        try client.notify("$/cancelRequest", params: ["id": .int(id)])
        let answer = try client.response(id: .int(id))
        #expect(answer.errorCode == ErrorCode.requestCancelled.rawValue, "\(answer)")
        #expect(answer["result"] == nil)
        #expect(try client.call("ping")["result"] == [:])
        let stats = try client.call("stats")
        #expect(stats["result"]?["queries"]?["cancelled"] == 1)
    }

    @Test func aQueuedRequestCanBeCancelledToo() throws {
        let server = try ServerFixture(environment: Self.slow)
        defer { server.stop() }
        let client = try server.client()
        // More searches than searcher threads: the last ones wait in the queue.
        let ids = try (0..<6).map { _ in try client.request("search", params: ["query": "stem cells"]) }
        let last = try #require(ids.last)
        try client.notify("$/cancelRequest", params: ["id": .int(last)])
        var answers: [Int: JSONValue] = [:]
        for _ in ids {
            let message = try #require(try client.next())
            answers[try #require(message["id"]?.int)] = message
        }
        #expect(answers[last]?.errorCode == ErrorCode.requestCancelled.rawValue)
        for id in ids.dropLast() {
            #expect(answers[id]?["result"]?["hits"] != nil, "\(String(describing: answers[id]))")
        }
    }

    @Test func aLateRequestAnswersDeadlineExceeded() throws {
        let server = try ServerFixture(environment: Self.slow)
        defer { server.stop() }
        let client = try server.client(.contentLength)
        let answer = try client.call("search", params: ["query": "acne", "deadlineMs": 50])
        #expect(answer.errorCode == ErrorCode.deadlineExceeded.rawValue, "\(answer)")
        #expect(answer["error"]?["data"]?["deadlineMs"] == 50)
        // A generous deadline is met.
        let met = try client.call("search", params: ["query": "acne", "deadlineMs": 600_000])
        #expect(met["result"]?["hits"] != nil, "\(met)")
        let stats = try client.call("stats")
        #expect(stats["result"]?["queries"]?["deadlineExceeded"] == 1)
        #expect(stats["result"]?["queries"]?["total"] == 2)
    }

    @Test func unknownAndFinishedIdsAreIgnored() throws {
        let server = try ServerFixture()
        defer { server.stop() }
        let client = try server.client()
        let first = try client.request("ping")
        #expect(try client.response(id: .int(first))["result"] == [:])
        try client.notify("$/cancelRequest", params: ["id": .int(first)])
        try client.notify("$/cancelRequest", params: ["id": "never-sent"])
        try client.notify("$/cancelRequest", params: ["id": [1, 2]])
        // The next message is the next answer: nothing was sent for the cancels.
        let next = try client.request("ping")
        let message = try #require(try client.next())
        #expect(message["id"] == .int(next))
        #expect(message["result"] == [:])
    }

    @Test func shutdownFinishesRequestsInFlight() throws {
        let server = try ServerFixture(environment: Self.slow)
        defer { server.stop() }
        let searching = try server.client()
        let id = try searching.request("search", params: ["query": "collagen"])
        // Let the daemon read the search before the shutdown arrives on another connection.
        #expect(try searching.call("ping")["result"] == [:])
        let admin = try server.client()
        #expect(try admin.call("shutdown")["result"] == .null)
        let answer = try searching.response(id: .int(id))
        #expect(answer["result"]?["hits"] != nil, "\(answer)")
        #expect(try searching.waitForClose())
        #expect(ServerFixture.waitForExit(try #require(server.process)) == 0)
        #expect(!FileManager.default.fileExists(atPath: server.socket))
    }
}
