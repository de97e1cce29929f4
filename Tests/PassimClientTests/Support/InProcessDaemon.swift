import Foundation
import Logging
import PassimClient
import PassimCore
import PassimProtocol
import PassimServer
import PassimTestSupport

/// A temporary folder, removed when the test ends.
final class TemporaryFolder: Sendable {
    let path: String

    init() throws {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("passim-client-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `text` at the relative path `name`, creating folders.
    func write(_ name: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

/// The seed corpus copied to a temporary folder and ingested into `index/` there.
struct IndexedCorpus {
    let folder: TemporaryFolder
    let layout: IndexLayout

    init() throws {
        folder = try TemporaryFolder()
        let corpus = Repository.corpus
        let copy = folder.path + "/corpus"
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus.path) where name.hasSuffix(".txt") {
            try FileManager.default.copyItem(atPath: corpus.path + "/" + name, toPath: copy + "/" + name)
        }
        layout = IndexLayout(directory: folder.path + "/index")
        let writer = try IndexWriter(layout: layout)
        _ = try Ingestor(writer: writer, logger: Self.quiet).ingest(paths: [copy])
        try writer.close()
    }

    /// What an in-process search answers: the reference the daemon's answers must equal.
    func searchInProcess(_ query: String, limit: Int = 10) throws -> SearchResult {
        SearchResult(try Searcher(layout: layout).search(SearchParameters(query: query, limit: limit)))
    }

    static let quiet = Logger(label: "passim.test") { _ in SwiftLogNoOpLogHandler() }
}

/// The real daemon (PassimServer) serving in this process on a temporary socket. `stop` sends
/// it the `shutdown` method and waits until it has removed its socket.
final class InProcessDaemon: Sendable {
    let socket: String
    private let serving: Task<Void, any Error>

    /// Starts a daemon on `layout` with a socket in `folder`.
    init(
        layout: IndexLayout, folder: TemporaryFolder, name: String = "d",
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws {
        socket = folder.path + "/\(name).sock"
        var configuration = ServerConfiguration(index: layout, socketPath: socket, version: "test")
        configuration.searcherThreads = 2
        // These tests ingest through the daemon themselves: no watcher racing them.
        configuration.watchCorpus = false
        configure(&configuration)
        let daemon = try await withTaskExecutorPreference(DedicatedExecutor.shared) { [configuration] in
            try await PassimDaemon.start(configuration, logger: IndexedCorpus.quiet)
        }
        // Off the cooperative pool, which blocking synchronous tests may hold (`DedicatedExecutor`).
        serving = Task(executorPreference: DedicatedExecutor.shared) { try await daemon.run() }
    }

    /// Asks the daemon to stop and waits for it.
    func stop() async {
        if let client = try? await DaemonClient.connect(socketPath: socket) {
            _ = try? await client.send(ShutdownRequest(), timeout: .seconds(10))
            await client.close()
        }
        _ = await serving.result
    }
}

/// Runs `body` with a daemon that is stopped afterwards whatever `body` does.
func withDaemon<T>(
    _ corpus: IndexedCorpus, name: String = "d", configure: (inout ServerConfiguration) -> Void = { _ in },
    _ body: (InProcessDaemon) async throws -> T
) async throws -> T {
    let daemon = try await InProcessDaemon(
        layout: corpus.layout, folder: corpus.folder, name: name, configure: configure)
    do {
        let result = try await body(daemon)
        await daemon.stop()
        return result
    } catch {
        await daemon.stop()
        throw error
    }
}

/// The error `body` fails with, or nil when it succeeds.
func clientError<T>(_ body: () async throws(ClientError) -> T) async -> ClientError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}
