import Foundation
import PassimCore
import PassimLSP
import PassimProtocol
import Testing

/// As the user types, each `workspace/symbol` replaces the one before: a pending search is
/// cancelled and answered `RequestCancelled`, and the new one does not wait behind it.
@Suite struct CancellationTests {
    @Test func aNewRequestCancelsThePendingOne() async throws {
        let folder = try IndexedFolder.shared.get()
        let source = GatedSource(inner: InProcessPassageSource(layout: folder.layout), held: "stem")
        var server = ServerUnderTest(source: source)
        _ = try await server.initialize(encodings: ["utf-8"])
        await server.send(ServerUnderTest.symbolRequest(id: 1, query: "stem"))
        await server.send(ServerUnderTest.symbolRequest(id: 2, query: "stem cells"))
        try await server.expectReplaced(1, by: 2, answering: folder.search("stem cells"))
    }

    @Test func cancelRequestAnswersRequestCancelled() async throws {
        var server = ServerUnderTest(source: GatedSource(inner: EmptySource(), held: "held"))
        _ = try await server.initialize()
        await server.send(ServerUnderTest.symbolRequest(id: 7, query: "held"))
        await server.send(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":7}}"#)
        let answer = try await server.next()
        #expect(answer.id == .number(7) && answer.error?.code == -32800)
        // Answered once: the next message is the next request's answer.
        await server.send(ServerUnderTest.symbolRequest(id: 8, query: "other"))
        #expect(try await server.next().id == .number(8))
    }

    @Test func anInProcessSearchCancelledBeforeItsTurnNeverRuns() async throws {
        // Its index does not exist: a search that ran would fail with `.failed`, not `.cancelled`.
        let source = InProcessPassageSource(layout: IndexLayout(directory: "/nonexistent/passim-lsp-test/index"))
        let outcome = await withTaskGroup(of: PassageSourceError?.self) { group in
            group.cancelAll()
            group.addTask {
                do throws(PassageSourceError) {
                    _ = try await source.search("collagen", limit: 5)
                    return nil
                } catch {
                    return error
                }
            }
            return await group.next() ?? nil
        }
        #expect(outcome == .cancelled)
    }
}
