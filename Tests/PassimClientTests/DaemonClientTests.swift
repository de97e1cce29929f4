import Foundation
import PassimClient
import PassimCore
import PassimProtocol
import Testing

/// `DaemonClient` against the real daemon on a real socket, with in-process results as the
/// reference.
@Suite struct DaemonClientTests {
    @Test func handshakeStatsAndPingDescribeTheDaemon() async throws {
        let corpus = try IndexedCorpus()
        try await withDaemon(corpus) { daemon in
            // Generous timeouts: the full suite starts many daemons at once on 2 cores.
            let client = try await DaemonClient.connect(socketPath: daemon.socket, timeout: .seconds(30))
            let hello = try await client.initialize(timeout: .seconds(30))
            #expect(hello.protocolVersion == ProtocolVersion.current)
            #expect(hello.positionEncoding == .utf8)
            #expect(hello.index?.path == corpus.layout.directory)
            #expect(hello.index?.articles == 5)
            #expect(hello.capabilities.methods.contains(SearchRequest.method))
            try await client.ping(timeout: .seconds(30))
            let stats = try await client.stats(timeout: .seconds(30))
            #expect(stats.index == hello.index)
            #expect(stats.queries.total == 0 && stats.latencyMs == nil)
            #expect(stats.connections.open >= 1)
            await client.close()
        }
    }

    static let queries = [
        "stem cells", "acne NEAR/3 scars", "\"umbilical cord blood\"", "regenerat*", "title:scars -laser",
        "hyperpigmentaton", "nothingmatchesthisxyz",
    ]

    @Test func searchesEqualInProcessSearches() async throws {
        let corpus = try IndexedCorpus()
        try await withDaemon(corpus) { daemon in
            let client = try await DaemonClient.connect(socketPath: daemon.socket)
            for query in Self.queries {
                let served = try await client.search(SearchRequest(query: query, limit: 20))
                #expect(served == (try corpus.searchInProcess(query, limit: 20)), "\(query)")
            }
            #expect(try await client.stats().queries.total == Self.queries.count)
            await client.close()
        }
    }

    @Test func concurrentCallsOnOneConnectionGetTheirOwnAnswers() async throws {
        let corpus = try IndexedCorpus()
        try await withDaemon(corpus) { daemon in
            let client = try await DaemonClient.connect(socketPath: daemon.socket)
            let answers = try await withThrowingTaskGroup(of: (String, Int, SearchResult).self) { group in
                for limit in 3..<7 {
                    for query in Self.queries {
                        group.addTask {
                            (query, limit, try await client.search(SearchRequest(query: query, limit: limit)))
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.count == Self.queries.count * 4)
            for (query, limit, result) in answers {
                #expect(result == (try corpus.searchInProcess(query, limit: limit)), "\(query) \(limit)")
            }
            await client.close()
        }
    }

    @Test func serverErrorsArriveWithTheirCode() async throws {
        let corpus = try IndexedCorpus()
        try await withDaemon(corpus) { daemon in
            let client = try await DaemonClient.connect(socketPath: daemon.socket)
            let syntax = try #require(
                await clientError { () async throws(ClientError) in
                    try await client.search(SearchRequest(query: "stem cells title:"))
                })
            #expect(syntax.serverCode == .querySyntax, "\(syntax)")
            #expect(!syntax.isDaemonUnavailable)
            if case .server(let response) = syntax {
                #expect(try #require(response.data).decode(QuerySyntaxErrorData.self).offset == 17)
            }
            let limit = try #require(
                await clientError { () async throws(ClientError) in
                    try await client.search(SearchRequest(query: "cells", limit: 0))
                })
            #expect(limit.serverCode == .invalidParams, "\(limit)")
            // The connection stays usable after errors.
            try await client.ping()
            await client.close()
        }
    }

    @Test func ingestReportsProgressAndTheNewArticleIsSearchable() async throws {
        let corpus = try IndexedCorpus()
        try corpus.folder.write("more/axolotl.txt", "Axolotls\n\nAxolotls regrow whole limbs from a blastema.\n")
        try corpus.folder.write("more/zebrafish.txt", "Zebrafish\n\nZebrafish regrow fins.\n")
        try await withDaemon(corpus) { daemon in
            let client = try await DaemonClient.connect(socketPath: daemon.socket)
            let before = try #require(try await client.stats().index?.revision)
            let steps = StepLog()
            let result = try await client.ingest(IngestRequest(paths: [corpus.folder.path + "/more"])) { steps.add($0) }
            #expect(result.added == 2 && result.failed == 0 && result.failures.isEmpty)
            #expect(result.revision > before)
            let seen = steps.values
            #expect(seen.map(\.kind) == [.begin, .report, .report, .end], "\(seen)")
            #expect(seen.compactMap(\.done) == [1, 2, 2])
            #expect(seen[1].message == corpus.folder.path + "/more/axolotl.txt")
            let found = try await client.search(SearchRequest(query: "blastema"))
            #expect(found.hits.map(\.article.path) == [corpus.folder.path + "/more/axolotl.txt"])
            await client.close()
        }
    }

    @Test func callsFailWithConnectionClosedWhenTheDaemonStops() async throws {
        let corpus = try IndexedCorpus()
        let daemon = try await InProcessDaemon(layout: corpus.layout, folder: corpus.folder)
        let client = try await DaemonClient.connect(socketPath: daemon.socket)
        try await client.ping()
        await daemon.stop()
        #expect(
            await clientError { () async throws(ClientError) in try await client.ping() }
                == .connectionClosed(socket: daemon.socket))
        await client.close()
    }
}

/// Collects `$/progress` values delivered on the event loop.
final class StepLog: @unchecked Sendable {
    private let lock = NSLock()
    private var steps: [ProgressValue] = []

    func add(_ value: ProgressValue) {
        lock.lock()
        steps.append(value)
        lock.unlock()
    }

    var values: [ProgressValue] {
        lock.lock()
        defer { lock.unlock() }
        return steps
    }
}
