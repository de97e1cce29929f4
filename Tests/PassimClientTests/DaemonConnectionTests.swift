import Foundation
import PassimClient
import PassimCore
import PassimProtocol
import Testing

/// `DaemonConnection`, the one-shot commands' client, against the real daemon on a real socket
/// (in-process results as the reference) and against a scripted stand-in for what a daemon
/// rarely does.
@Suite struct DaemonConnectionTests {
    @Test func handshakeSearchesAndStatsMatchTheDaemonAndInProcessSearches() async throws {
        let corpus = try IndexedCorpus()
        try await withDaemon(corpus) { daemon in
            let connection = try DaemonConnection.open(socketPath: daemon.socket, timeout: .seconds(30))
            defer { connection.close() }
            let hello = try connection.initialize(timeout: .seconds(30))
            #expect(hello == DaemonHandshake(protocolVersion: .current, indexPath: corpus.layout.directory))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for query in DaemonClientTests.queries {
                let local = try corpus.searchInProcess(query, limit: 20)
                let request = SearchRequest(query: query, limit: 20)
                #expect(try connection.search(request, timeout: .seconds(30)) == local, "\(query)")
                // The bytes passed through for --json are those an in-process search prints.
                let answer = try connection.searchJSON(request, timeout: .seconds(30))
                #expect(Array(answer.json) == Array(try encoder.encode(local)), "\(query)")
                #expect(answer.estimatedTotal == local.estimatedTotal)
            }
            let stats = try connection.stats(timeout: .seconds(30))
            #expect(stats.queries.total == DaemonClientTests.queries.count * 2)
            #expect(stats.index?.path == corpus.layout.directory)
        }
    }

    @Test func explanationsAndFacetsAreAskedForAndAnsweredAsInProcess() async throws {
        let corpus = try IndexedCorpus()
        try await withDaemon(corpus) { daemon in
            let connection = try DaemonConnection.open(socketPath: daemon.socket, timeout: .seconds(30))
            defer { connection.close() }
            let searcher = try Searcher(layout: corpus.layout)
            let local = SearchResult(
                try searcher.search(SearchParameters(query: "stem cells", explain: true, facets: true)))
            #expect(local.facets != nil && local.hits.first?.explanation != nil)
            let request = SearchRequest(query: "stem cells", explain: true, facets: true)
            #expect(try connection.search(request, timeout: .seconds(30)) == local)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let answer = try connection.searchJSON(request, timeout: .seconds(30))
            #expect(Array(answer.json) == Array(try encoder.encode(local)))
        }
    }

    @Test func serverErrorsArriveWithTheirCodeAndTheConnectionGoesOn() async throws {
        let corpus = try IndexedCorpus()
        try await withDaemon(corpus) { daemon in
            let connection = try DaemonConnection.open(socketPath: daemon.socket, timeout: .seconds(30))
            defer { connection.close() }
            let syntax = Self.error { () throws(ClientError) in
                _ = try connection.search(SearchRequest(query: "stem cells title:"), timeout: .seconds(30))
            }
            #expect(syntax?.serverCode == .querySyntax, "\(String(describing: syntax))")
            if case .server(let response) = syntax {
                #expect(try #require(response.data).decode(QuerySyntaxErrorData.self).offset == 17)
            }
            let limit = Self.error { () throws(ClientError) in
                _ = try connection.searchJSON(SearchRequest(query: "cells", limit: 0), timeout: .seconds(30))
            }
            #expect(limit?.serverCode == .invalidParams, "\(String(describing: limit))")
            #expect(try connection.search(SearchRequest(query: "cells"), timeout: .seconds(30)).hits.count > 0)
        }
    }

    @Test func aLookupKeepsOnlyADaemonOfTheSameIndex() async throws {
        let corpus = try IndexedCorpus()
        try await withDaemon(corpus) { daemon in
            let locator = DaemonLocator(socket: daemon.socket, timeout: .seconds(30))
            guard case .serving(let connection, let index) = locator.find(servingIndex: corpus.layout.directory + "/")
            else {
                Issue.record("the daemon's own index was not recognised")
                return
            }
            #expect(index == corpus.layout.directory)
            let found = try connection.search(SearchRequest(query: "cells"), timeout: .seconds(30))
            #expect(found.estimatedTotal > 0)
            connection.close()
            // Started, the handshake waits for its answer while the caller works.
            let started = locator.startLookup()
            guard case .otherIndex(let served) = started.finish(servingIndex: corpus.folder.path + "/other") else {
                Issue.record("another index was taken for the served one")
                return
            }
            #expect(served == corpus.layout.directory)
            guard case .serving(let any, _) = locator.find(servingIndex: nil) else {
                Issue.record("no index given should accept the daemon's")
                return
            }
            any.close()
        }
        let gone = DaemonLocator(socket: corpus.folder.path + "/d.sock").find(servingIndex: nil)
        guard case .unavailable(.notRunning) = gone else {
            Issue.record("a stopped daemon was found: \(gone)")
            return
        }
    }

    @Test func shutdownStopsTheDaemonAndItsSocketIsSeenGoing() async throws {
        let corpus = try IndexedCorpus()
        let daemon = try await InProcessDaemon(layout: corpus.layout, folder: corpus.folder)
        #expect(!SocketRemoval.isRemoved(daemon.socket))
        let connection = try DaemonConnection.open(socketPath: daemon.socket, timeout: .seconds(30))
        try connection.shutdown(timeout: .seconds(30))
        connection.close()
        #expect(SocketRemoval.wait(for: daemon.socket, timeout: .seconds(60)))
        #expect(!FileManager.default.fileExists(atPath: daemon.socket))
        await daemon.stop()
    }

    @Test func notificationsAndOtherAnswersAreSkippedAndKeysMayComeInAnyOrder() throws {
        let folder = try TemporaryFolder()
        let daemon = try ScriptedDaemon(socket: folder.path + "/s.sock") { _, _ in
            [
                #"{"jsonrpc":"2.0","method":"$/progress","params":{"token":"t","value":{"kind":"begin","title":"x"}}}"#,
                #"{"jsonrpc":"2.0","id":7,"result":{"protocolVersion":"1.0"}}"#,
                "",
                #"{ "result" : { "index" : { "path" : "/i", "x": [1, {"y": null}] }, "protocolVersion" : "1.9" },"#
                    + #" "jsonrpc" : "2.0", "id" : 1 }"#,
            ]
        }
        defer { daemon.stop() }
        let connection = try DaemonConnection.open(socketPath: daemon.socket)
        defer { connection.close() }
        #expect(
            try connection.initialize(timeout: .seconds(30))
                == DaemonHandshake(protocolVersion: ProtocolVersion(major: 1, minor: 9), indexPath: "/i"))
        #expect(daemon.heard.first?.contains(#""method":"initialize""#) == true)
    }

    @Test func anErrorWithoutAnIdIsTheWaitingRequestsError() throws {
        let folder = try TemporaryFolder()
        let daemon = try ScriptedDaemon(socket: folder.path + "/s.sock") { _, _ in
            [#"{"error":{"code":-32700,"message":"Parse error: broken"},"id":null,"jsonrpc":"2.0"}"#]
        }
        defer { daemon.stop() }
        let connection = try DaemonConnection.open(socketPath: daemon.socket)
        defer { connection.close() }
        let error = Self.error { () throws(ClientError) in _ = try connection.stats(timeout: .seconds(30)) }
        #expect(error?.serverCode == .parseError, "\(String(describing: error))")
    }

    @Test func aSilentDaemonTimesOutAndTheRequestIsCancelledThere() throws {
        let folder = try TemporaryFolder()
        let daemon = try ScriptedDaemon(socket: folder.path + "/s.sock") { _, _ in [] }
        defer { daemon.stop() }
        let connection = try DaemonConnection.open(socketPath: daemon.socket)
        defer { connection.close() }
        let error = Self.error { () throws(ClientError) in
            _ = try connection.search(SearchRequest(query: "cells"), timeout: .milliseconds(100))
        }
        #expect(error == .timeout(method: "search", seconds: 0.1))
        #expect(daemon.waitForLine { $0.contains(#""method":"$/cancelRequest""#) && $0.contains(#""id":1"#) })
    }

    @Test func aDaemonThatHangsUpOrAnswersGarbageFailsTheCall() throws {
        let folder = try TemporaryFolder()
        let quitter = try ScriptedDaemon(socket: folder.path + "/q.sock") { _, _ in nil }
        defer { quitter.stop() }
        let closing = try DaemonConnection.open(socketPath: quitter.socket)
        defer { closing.close() }
        #expect(
            Self.error { () throws(ClientError) in try closing.shutdown(timeout: .seconds(30)) }
                == .connectionClosed(socket: quitter.socket))

        let garbage = try ScriptedDaemon(socket: folder.path + "/g.sock") { _, _ in [#"{"id":1,"result":"#] }
        defer { garbage.stop() }
        let confused = try DaemonConnection.open(socketPath: garbage.socket)
        defer { confused.close() }
        let error = Self.error { () throws(ClientError) in _ = try confused.initialize(timeout: .seconds(30)) }
        guard case .invalidResponse(let method, _) = error else {
            Issue.record("expected invalidResponse, got \(String(describing: error))")
            return
        }
        #expect(method == "initialize")
    }

    @Test func aSocketOthersMayReplaceIsRefusedBeforeConnecting() throws {
        let folder = try TemporaryFolder()
        let shared = folder.path + "/shared"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false)
        let daemon = try ScriptedDaemon(socket: shared + "/s.sock") { _, _ in [] }
        defer { daemon.stop() }
        #expect(chmod(shared, 0o777) == 0)
        let error = Self.error { () throws(ClientError) in _ = try DaemonConnection.open(socketPath: daemon.socket) }
        guard case .untrusted(_, let reason) = error else {
            Issue.record("expected untrusted, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("writable by other users"))
        #expect(daemon.heard.isEmpty)
    }

    @Test func connectingWhereNoDaemonListensSaysWhy() throws {
        let folder = try TemporaryFolder()
        let missing = folder.path + "/none.sock"
        #expect(
            Self.error { () throws(ClientError) in _ = try DaemonConnection.open(socketPath: missing) }
                == .notRunning(socket: missing))
        let stale = folder.path + "/stale.sock"
        try ConnectFailureTests.bindAndAbandon(stale)
        #expect(
            Self.error { () throws(ClientError) in _ = try DaemonConnection.open(socketPath: stale) }
                == .connectionRefused(socket: stale))
        let long = "/tmp/" + String(repeating: "x", count: 200) + ".sock"
        guard
            case .cannotConnect(_, let reason) = Self.error({ () throws(ClientError) in
                _ = try DaemonConnection.open(socketPath: long)
            })
        else {
            Issue.record("a path too long was not refused")
            return
        }
        #expect(reason.contains("too long"))
    }

    /// The error `body` fails with, or nil when it succeeds.
    static func error(_ body: () throws(ClientError) -> Void) -> ClientError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }
}
