import Foundation
import PassimClient
import PassimCore
import PassimLSP
import PassimProtocol
import PassimServer
import PassimTestSupport
import Testing

/// `workspace/symbol` through the real daemon (PassimServer, in this process, on a real socket),
/// and in process when no daemon serves the index.
@Suite(.serialized) struct DaemonSourceTests {
    @Test func searchesGoToTheDaemonServingTheIndex() async throws {
        let folder = try IndexedFolder()
        let socket = folder.directory.path("d.sock")
        var configuration = ServerConfiguration(index: folder.layout, socketPath: socket, version: "test")
        configuration.searcherThreads = 1
        configuration.watchCorpus = false
        let daemon = try await withTaskExecutorPreference(DedicatedExecutor.shared) { [configuration] in
            try await PassimDaemon.start(configuration, logger: IndexedFolder.quiet)
        }
        let serving = Task(executorPreference: DedicatedExecutor.shared) { try await daemon.run() }
        defer { daemon.requestShutdown() }

        let source = DaemonPassageSource(
            locator: DaemonLocator(socket: socket), indexDirectory: folder.layout.directory,
            fallback: InProcessPassageSource(layout: folder.layout), logger: IndexedFolder.quiet)
        let before = try await Self.queries(socket)
        let result = try await source.search("stem cells", limit: 50)
        #expect(result == (try folder.search("stem cells")))
        #expect(try await Self.queries(socket) == before + 1, "the daemon answered the search")

        daemon.requestShutdown()
        _ = await serving.result
        // The daemon is gone: the same source answers in process, with the same hits.
        let afterwards = try await source.search("stem cells", limit: 50)
        #expect(afterwards == result)
    }

    @Test func withoutADaemonTheIndexIsSearchedInProcess() async throws {
        let folder = try IndexedFolder()
        let source = DaemonPassageSource(
            locator: DaemonLocator(socket: folder.directory.path("nobody.sock")),
            indexDirectory: folder.layout.directory, fallback: InProcessPassageSource(layout: folder.layout),
            logger: IndexedFolder.quiet)
        #expect(try await source.search("collagen", limit: 10) == (try folder.search("collagen", limit: 10)))
    }

    /// Searches the daemon has answered so far.
    static func queries(_ socket: String) async throws -> Int {
        let client = try await DaemonClient.connect(socketPath: socket)
        let stats = try? await client.stats()
        await client.close()
        return try #require(stats).queries.total
    }
}
