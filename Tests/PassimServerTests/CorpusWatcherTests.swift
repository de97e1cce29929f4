import Foundation
import Logging
import PassimCore
import PassimProtocol
import PassimTestSupport
import Testing

@testable import PassimServer

/// The daemon keeps the index current with its corpus: real files, real inotify, the real
/// daemon in process. Each step waits for the `index/didChange` it causes, never for a time.
@Suite struct CorpusWatcherTests {
    /// A client subscribed to `index/didChange`.
    static func subscriber(_ server: ServerFixture) async throws -> TestClient {
        let client = try server.client()
        _ = try await client.call("initialize", params: ["capabilities": ["notifications": ["indexDidChange": true]]])
        return client
    }

    /// Waits for the `index/didChange` whose ids include all of `added`, `updated` and `removed`
    /// (earlier ones, e.g. of the start-up comparison, are passed over).
    static func change(
        on client: TestClient, added: Set<String> = [], updated: Set<String> = [], removed: Set<String> = []
    ) async throws {
        var seen = (added: Set<String>(), updated: Set<String>(), removed: Set<String>())
        while !(added.isSubset(of: seen.added) && updated.isSubset(of: seen.updated)
            && removed.isSubset(of: seen.removed))
        {
            let params = try #require(try await client.notification("index/didChange", timeout: 30)["params"])
            func ids(_ key: String) -> Set<String> { Set(params[key]?.array?.compactMap(\.string) ?? []) }
            seen.added.formUnion(ids("added"))
            seen.updated.formUnion(ids("updated"))
            seen.removed.formUnion(ids("removed"))
        }
    }

    static func hits(_ query: String, _ client: TestClient) async throws -> [String] {
        let answer = try await client.call("search", params: ["query": .string(query)])
        return answer["result"]?["hits"]?.array?.compactMap { $0["article"]?["id"]?.string } ?? []
    }

    static func note(_ word: String) -> String { "Watched Note\n\nA paragraph about \(word) for the watcher.\n" }

    @Test func newChangedAndDeletedFilesReachTheIndexBySelf() async throws {
        let server = try await ServerFixture(watching: true)
        defer { server.stop() }
        let client = try await Self.subscriber(server)
        let file = server.corpus + "/watched.txt"
        try Self.note("firstwatchword").write(toFile: file, atomically: false, encoding: .utf8)
        try await Self.change(on: client, added: ["watched"])
        #expect(try await Self.hits("firstwatchword", client) == ["watched"])

        try Self.note("secondwatchword").write(toFile: file, atomically: false, encoding: .utf8)
        try await Self.change(on: client, updated: ["watched"])
        #expect(try await Self.hits("secondwatchword", client) == ["watched"])
        #expect(try await Self.hits("firstwatchword", client).isEmpty)

        try FileManager.default.removeItem(atPath: file)
        try await Self.change(on: client, removed: ["watched"])
        #expect(try await Self.hits("secondwatchword", client).isEmpty)
    }

    @Test func anAtomicSaveAndARenameAreFollowed() async throws {
        let server = try await ServerFixture(watching: true)
        defer { server.stop() }
        let client = try await Self.subscriber(server)
        let file = server.corpus + "/saved.txt"
        try Self.note("savedfirstword").write(toFile: file, atomically: false, encoding: .utf8)
        try await Self.change(on: client, added: ["saved"])
        // As editors save: write a temporary file, then rename it over the article.
        let temporary = server.corpus + "/.saved.txt.tmp"
        try Self.note("savedsecondword").write(toFile: temporary, atomically: false, encoding: .utf8)
        #expect(rename(temporary, file) == 0)
        try await Self.change(on: client, updated: ["saved"])
        #expect(try await Self.hits("savedsecondword", client) == ["saved"])

        #expect(rename(file, server.corpus + "/renamed.txt") == 0)
        try await Self.change(on: client, added: ["renamed"], removed: ["saved"])
        #expect(try await Self.hits("savedsecondword", client) == ["renamed"])
    }

    @Test func aFolderMovedInIsReadAndMovedOutIsForgotten() async throws {
        let server = try await ServerFixture(watching: true)
        defer { server.stop() }
        let client = try await Self.subscriber(server)
        let outside = server.directory.path("outside/batch")
        try FileManager.default.createDirectory(atPath: outside + "/deeper", withIntermediateDirectories: true)
        try Self.note("batchoneword").write(toFile: outside + "/one.txt", atomically: false, encoding: .utf8)
        try Self.note("batchtwoword").write(toFile: outside + "/deeper/two.md", atomically: false, encoding: .utf8)
        #expect(rename(outside, server.corpus + "/batch") == 0)
        try await Self.change(on: client, added: ["batch/one", "batch/deeper/two"])
        // Its subfolder is watched too.
        try Self.note("batchthreeword").write(
            toFile: server.corpus + "/batch/deeper/three.txt", atomically: false, encoding: .utf8)
        try await Self.change(on: client, added: ["batch/deeper/three"])
        // `stats` says what is watched: the corpus, the folder moved in and its subfolder.
        var watching = try await client.call("stats")["result"]?["watching"]
        #expect(watching?["corpus"] == ["roots": 1, "folders": 3], "\(String(describing: watching))")
        #expect(watching?["index"] == ["mode": "inotify", "intervalMs": 10_000])

        #expect(rename(server.corpus + "/batch", server.directory.path("outside/gone")) == 0)
        try await Self.change(on: client, removed: ["batch/one", "batch/deeper/two", "batch/deeper/three"])
        #expect(try await Self.hits("batchtwoword", client).isEmpty)
        watching = try await client.call("stats")["result"]?["watching"]
        #expect(watching?["corpus"] == ["roots": 1, "folders": 1], "\(String(describing: watching))")
    }

    @Test func ignoredAndOtherFilesAreNotIngested() async throws {
        let server = try await ServerFixture(watching: true)
        defer { server.stop() }
        let client = try await Self.subscriber(server)
        try "drafts/\n".write(toFile: server.corpus + "/.passimignore", atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: server.corpus + "/drafts", withIntermediateDirectories: true)
        try Self.note("draftword").write(toFile: server.corpus + "/drafts/d.txt", atomically: false, encoding: .utf8)
        try Self.note("pdfword").write(toFile: server.corpus + "/paper.pdf", atomically: false, encoding: .utf8)
        try Self.note("okword").write(toFile: server.corpus + "/ok.txt", atomically: false, encoding: .utf8)
        try await Self.change(on: client, added: ["ok"])
        #expect(try await Self.hits("draftword", client).isEmpty)
        #expect(try await Self.hits("pdfword", client).isEmpty)
    }

    @Test func changesMadeWhileNoDaemonWatchedAreFoundAtStart() async throws {
        let server = try await ServerFixture()
        try Self.note("offlineword").write(toFile: server.corpus + "/offline.txt", atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: server.corpus + "/004_55efc0094c87fb09.txt")
        server.stop()
        await server.stopped()

        var configuration = ServerConfiguration(
            index: IndexLayout(directory: server.index), socketPath: server.directory.path("run/again.sock"),
            version: "test")
        configuration.searcherThreads = 2
        let daemon = try await withTaskExecutorPreference(DedicatedExecutor.shared) { [configuration] in
            try await PassimDaemon.start(configuration, logger: SeedCorpus.quiet)
        }
        let serving = Task(executorPreference: DedicatedExecutor.shared) { try await daemon.run() }
        defer { daemon.requestShutdown() }
        let client = try TestClient(socket: configuration.socketPath)
        _ = try await client.call("initialize", params: ["capabilities": ["notifications": ["indexDidChange": true]]])
        // The start-up comparison may have committed before the subscription: ask the index too.
        var hits = try await Self.hits("offlineword", client)
        if hits.isEmpty {
            try await Self.change(on: client, added: ["offline"])
            hits = try await Self.hits("offlineword", client)
        }
        #expect(hits == ["offline"])
        let articles = try await client.call("stats")["result"]?["index"]?["articles"]
        #expect(articles == 5, "four seed articles and the new one")
        daemon.requestShutdown()
        _ = await serving.result
    }

    @Test func anOverflowOfTheKernelsQueueMeansComparingEverything() throws {
        #if os(Linux)
            var state = WatchState(inotify: try Inotify(), logger: SeedCorpus.quiet)
            #expect(!state.pending.rescan)
            state.handle(Inotify.Event(watch: -1, mask: UInt32(IN_Q_OVERFLOW), cookie: 0, name: ""))
            #expect(state.pending.rescan)
        #endif
    }

    @Test func laterEventsAboutAPathWin() {
        var changes = CorpusChanges()
        changes.change("/c/a.txt")
        changes.remove("/c/a.txt")
        #expect(changes.gone == ["/c/a.txt"] && changes.changed.isEmpty)
        changes.change("/c/a.txt")
        #expect(changes.changed == ["/c/a.txt"] && changes.gone.isEmpty)
        changes.change("/c/sub/b.txt")
        changes.remove("/c/sub")
        #expect(changes.changed == ["/c/a.txt"] && changes.gone == ["/c/sub"])
    }
}
