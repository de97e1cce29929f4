import Foundation
import PassimClient
import PassimCore
import PassimProtocol
import Testing

/// `DaemonLocator`: which socket, and whether the daemon there serves the same index.
@Suite struct DaemonLocatorTests {
    @Test func theSocketOptionWinsOverTheEnvironment() {
        let explicit = DaemonLocator(socket: "/run/a.sock", environment: ["PASSIM_SOCKET": "/run/b.sock"], userID: 7)
        #expect(explicit.socketPath == "/run/a.sock")
        let fromEnvironment = DaemonLocator(socket: nil, environment: ["PASSIM_SOCKET": "/run/b.sock"], userID: 7)
        #expect(fromEnvironment.socketPath == "/run/b.sock")
        #expect(DaemonLocator(socket: nil, environment: [:], userID: 7).socketPath == "/tmp/passim-7/passim.sock")
    }

    @Test func lookupKeepsOnlyADaemonOnTheSameIndex() async throws {
        let corpus = try IndexedCorpus()
        let link = corpus.folder.path + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: corpus.folder.path)
        try await withDaemon(corpus) { daemon in
            // A generous handshake timeout: under a full parallel test run on 2 cores the daemon can be slow to answer.
            let locator = DaemonLocator(socket: daemon.socket, timeout: .seconds(30))
            for same in [
                corpus.layout.directory, corpus.layout.directory + "/", link + "/index", link + "/./x/../index",
            ] {
                let found = await locator.lookup(servingIndex: same)
                guard case .serving(let client, let hello) = found else {
                    Issue.record("\(same) was not recognised as the served index: \(found)")
                    continue
                }
                #expect(hello.index?.path == corpus.layout.directory)
                try await client.ping()
                await client.close()
            }
            guard case .otherIndex(let served) = await locator.lookup(servingIndex: corpus.folder.path + "/other")
            else {
                Issue.record("another index was taken for the served one")
                return
            }
            #expect(served == corpus.layout.directory)
        }
        guard
            case .unavailable(let error) = await DaemonLocator(socket: corpus.folder.path + "/d.sock")
                .lookup(servingIndex: corpus.layout.directory)
        else {
            Issue.record("a stopped daemon was found")
            return
        }
        #expect(error == .notRunning(socket: corpus.folder.path + "/d.sock"))
    }

    /// A question asked alongside the handshake (what fzf's list helper does) is answered by
    /// the daemon serving the index, and its answer dropped when the daemon serves another.
    @Test func aQuestionAskedAlongsideTheHandshakeCountsOnlyForTheSameIndex() async throws {
        let corpus = try IndexedCorpus()
        try await withDaemon(corpus) { daemon in
            let locator = DaemonLocator(socket: daemon.socket, timeout: .seconds(30))
            let search: @Sendable (DaemonClient) async -> Int? = { client in
                try? await client.search(SearchRequest(query: "stem cells")).hits.count
            }
            let served = await locator.lookup(servingIndex: corpus.layout.directory, alongside: search)
            guard case .serving(let client, _) = served.lookup else {
                Issue.record("the served index was not found: \(served.lookup)")
                return
            }
            await client.close()
            #expect(
                served.value.flatMap { $0 } ?? 0 > 0,
                "no hits came with the handshake: \(String(describing: served.value))")
            let other = await locator.lookup(servingIndex: corpus.folder.path + "/other", alongside: search)
            guard case .otherIndex = other.lookup else {
                Issue.record("another index was taken for the served one: \(other.lookup)")
                return
            }
            #expect(other.value == nil)
        }
    }

    @Test(arguments: [
        ("/a/b", "/a/b/", true), ("/a/./b", "/a/b", true), ("/a/c/../b", "/a/b", true), ("/a/b", "/a/bb", false),
        ("/a/b", "/a", false),
    ])
    func sameDirectoryStandardizesPaths(first: String, second: String, same: Bool) {
        #expect(DaemonLocator.sameDirectory(first, second) == same)
    }
}
