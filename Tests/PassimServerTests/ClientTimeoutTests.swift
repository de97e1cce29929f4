import PassimClient
import PassimCore
import PassimProtocol
import PassimServer
import Testing

/// `DaemonClient`'s timeout against the real daemon: the late answer is dropped and the
/// request cancelled there.
@Suite struct ClientTimeoutTests {
    @Test func aLateAnswerIsDroppedAndTheRequestCancelledOnTheDaemon() async throws {
        let gate = Gate()
        defer { gate.open() }
        let server = try await ServerFixture(handlers: .holdingSearches(at: gate))
        defer { server.stop() }
        let client = try await DaemonClient.connect(socketPath: server.socket)
        // The search is held until the gate opens, so the timeout always comes first.
        let late = await clientError { () async throws(ClientError) in
            try await client.search(SearchRequest(query: "stem cells"), timeout: .milliseconds(20))
        }
        #expect(late == .timeout(method: SearchRequest.method, seconds: 0.02))
        // The client sent its cancel when it gave up; open the gate once the daemon has it.
        #expect(try await offload { gate.waitUntilStopped(1) }, "the daemon never saw the cancel")
        gate.open()
        // The next call on the same connection gets its own answer, not the late one.
        let next = try await client.search(SearchRequest(query: "acne scars"), timeout: .seconds(30))
        let expected = try Searcher(layout: IndexLayout(directory: server.index))
            .search(SearchParameters(query: "acne scars"))
        #expect(next == SearchResult(expected))
        let queries = try await client.stats().queries
        #expect(queries.cancelled == 1 && queries.total == 2, "\(queries)")
        await client.close()
    }

    /// The error `body` fails with, or nil when it succeeds.
    private func clientError<T>(_ body: () async throws(ClientError) -> T) async -> ClientError? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error
        }
    }
}
