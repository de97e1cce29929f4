import Foundation
import PassimClient
import PassimCore
import PassimLSP
import PassimProtocol
import PassimTestSupport
import Testing

@testable import PassimServer

/// `workspace/symbol` through the real daemon (PassimServer, in this process, on a real socket),
/// and in process when no daemon serves the index.
@Suite(.serialized) struct DaemonSourceTests {
    @Test func searchesGoToTheDaemonServingTheIndex() async throws {
        let folder = try IndexedFolder.shared.get()
        let daemon = try await DaemonInProcess(folder)
        let source = Self.source(folder, socket: daemon.socket)
        let before = try await Self.queries(daemon.socket)
        let result = try await source.search("stem cells", limit: 50)
        #expect(result == (try folder.search("stem cells")))
        #expect(try await Self.queries(daemon.socket) == before + 1, "the daemon answered the search")

        await daemon.stop()
        // The daemon is gone: the same source answers in process, with the same hits.
        let afterwards = try await source.search("stem cells", limit: 50)
        #expect(afterwards == result)
    }

    @Test func withoutADaemonTheIndexIsSearchedInProcess() async throws {
        let folder = try IndexedFolder.shared.get()
        let source = Self.source(folder, socket: folder.directory.path("nobody.sock"))
        #expect(try await source.search("collagen", limit: 10) == (try folder.search("collagen", limit: 10)))
    }

    @Test func aReplacedSearchIsCancelledOnTheDaemon() async throws {
        let folder = try IndexedFolder.shared.get()
        let (events, continuation) = AsyncStream.makeStream(of: HeldUntilStoppedSearch.Event.self)
        let handlers = HandlerRegistry.standard.replacing(
            AnyMethodHandler(HeldUntilStoppedSearch(held: "stem", events: continuation)))
        let daemon = try await DaemonInProcess(folder, handlers: handlers)
        var server = ServerUnderTest(source: Self.source(folder, socket: daemon.socket))
        _ = try await server.initialize(encodings: ["utf-8"])
        var happened = events.makeAsyncIterator()

        await server.send(ServerUnderTest.symbolRequest(id: 1, query: "stem"))
        #expect(await happened.next() == .started, "the first search reached the daemon")
        await server.send(ServerUnderTest.symbolRequest(id: 2, query: "stem cells"))
        #expect(await happened.next() == .stopped(cancelled: true), "the daemon got $/cancelRequest")
        try await server.expectReplaced(1, by: 2, answering: folder.search("stem cells"))
        await daemon.stop()
    }

    static func source(_ folder: IndexedFolder, socket: String) -> DaemonPassageSource {
        DaemonPassageSource(
            locator: DaemonLocator(socket: socket), indexDirectory: folder.layout.directory,
            fallback: InProcessPassageSource(layout: folder.layout), logger: IndexedFolder.quiet)
    }

    /// Searches the daemon has answered so far.
    static func queries(_ socket: String) async throws -> Int {
        let client = try await DaemonClient.connect(socketPath: socket)
        let stats = try? await client.stats()
        await client.close()
        return try #require(stats).queries.total
    }
}
