import Foundation
import NIOCore
import PassimCore
import PassimProtocol
import PassimSocket
import PassimTestSupport
import Testing

@testable import PassimServer

/// The daemon's small parts on their own: statistics, stop tokens, the inline
/// source memory, the socket probe.
@Suite struct ServerPartsTests {
    @Test func latencyPercentilesUseTheNearestRank() {
        let stats = ServerStats()
        #expect(stats.latency == nil)
        for milliseconds in (1...100).reversed() {
            stats.recordSearch(error: nil, latency: .milliseconds(Int64(milliseconds)))
        }
        stats.recordSearch(error: .requestCancelled(), latency: .milliseconds(1))
        stats.recordSearch(error: .deadlineExceeded(deadlineMs: 5), latency: .milliseconds(1))
        stats.recordSearch(error: .querySyntax("bad", offset: 0, expected: []), latency: .milliseconds(1))
        let latency = stats.latency
        #expect(latency?.samples == 103)
        #expect(latency?.p50 == 49)
        #expect(latency?.p90 == 90)
        #expect(latency?.p99 == 99)
        #expect(stats.queries == QueryCounts(total: 103, failed: 1, cancelled: 1, deadlineExceeded: 1))
    }

    @Test func latencyKeepsOnlyTheRecentWindow() {
        let stats = ServerStats()
        for _ in 0..<(ServerStats.latencyWindow + 10) {
            stats.recordSearch(error: nil, latency: .milliseconds(3))
        }
        #expect(stats.latency?.samples == ServerStats.latencyWindow)
        #expect(stats.queries.total == ServerStats.latencyWindow + 10)
    }

    @Test func theFirstStopWinsAndItsHandlerRunsOnce() {
        let token = CancelToken()
        let calls = Counter()
        token.onStop { reason in
            #expect(reason == .deadlineExceeded(deadlineMs: 7))
            calls.add()
        }
        token.stop(.deadlineExceeded(deadlineMs: 7))
        token.stop(.cancelled)
        #expect(token.reason == .deadlineExceeded(deadlineMs: 7))
        #expect(calls.value == 1)
        // A handler installed after the stop runs at once.
        token.onStop { _ in calls.add() }
        #expect(calls.value == 2)
    }

    @Test func inlineTextsAreRememberedWithinABudget() throws {
        let sources = SourceLoader()
        let chunk = String(repeating: "x", count: SourceLoader.maxInlineBytes / 3 + 1)
        sources.rememberInline(name: "a.md", text: "first")
        sources.rememberInline(name: "a.md", text: "second")
        #expect(try sources.load("a.md", prefix: 1 << 20).bytes == Array("second".utf8))
        sources.rememberInline(name: "b.md", text: chunk)
        sources.rememberInline(name: "c.md", text: chunk)
        sources.rememberInline(name: "d.md", text: chunk)
        #expect(throws: PositionConversionError.self) { try sources.load("a.md", prefix: 1 << 20) }
        #expect(throws: PositionConversionError.self) { try sources.load("b.md", prefix: 1 << 20) }
        #expect(try sources.load("d.md", prefix: 1 << 20).bytes.count == chunk.utf8.count)
        #expect(throws: PositionConversionError.self) { try sources.load("/no/such/file.txt", prefix: 1 << 20) }
    }

    /// Only the first bytes a conversion needs are read: a file that grew to a terabyte after
    /// it was indexed costs what its indexed part costs (before, the whole file was read).
    @Test func filesAreReadOnlyUpToTheBytesAConversionNeeds() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("grown.txt")
        try "Title\n\nThe indexed text.\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(truncate(path, 1 << 40) == 0)
        let sources = SourceLoader()
        #expect(try sources.load(path, prefix: 9).bytes == Array("Title\n\nTh".utf8))
        #expect(try sources.load(path, prefix: 4096).bytes.count == 4096)
    }

    /// A client refused again and again (past the connection budget) is logged at most once per
    /// interval, with the count of refusals since the last line.
    @Test func refusedConnectionsAreLoggedAtMostOncePerInterval() {
        let registry = ConnectionRegistry()
        let start = NIODeadline.now()
        #expect(registry.refusalsToLog(now: start) == 1)
        #expect(registry.refusalsToLog(now: start + .seconds(1)) == nil)
        #expect(registry.refusalsToLog(now: start + .seconds(9)) == nil)
        #expect(registry.refusalsToLog(now: start + .seconds(11)) == 3)
        #expect(registry.refusalsToLog(now: start + .seconds(12)) == nil)
    }

    /// An indexed file replaced by a named pipe is unavailable at once: before, opening it
    /// waited for a writer and held a searcher thread for good.
    @Test(.timeLimit(.minutes(1)))
    func aNamedPipeInPlaceOfASourceIsRefusedWithoutWaiting() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("pipe.txt")
        #expect(mkfifo(path, 0o600) == 0)
        #expect(throws: PositionConversionError.sourceUnavailable(path: path, reason: "not a regular file")) {
            try SourceLoader().load(path, prefix: 100)
        }
    }

    @Test func theProbeTellsALiveSocketFromAStaleOne() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("probe.sock")
        #expect(UnixSocketProbe.probe(path) == .gone)
        let listener = try PlainSocket(binding: path, listen: true)
        #expect(UnixSocketProbe.probe(path) == .answers)
        listener.close()
        #expect(UnixSocketProbe.probe(path) == .refused)
    }

    @Test func peerCredentialsHaveTheKernelsLayout() {
        // struct ucred: pid_t, uid_t, gid_t.
        #expect(MemoryLayout<PeerCredentials>.size == 12)
    }
}
