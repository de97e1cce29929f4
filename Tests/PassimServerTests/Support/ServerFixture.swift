import Foundation
import Logging
import PassimCore
import PassimTestSupport
import Testing

@testable import PassimServer

/// The real daemon (PassimServer's `PassimDaemon`) serving in this test process on a temporary
/// socket, over a temporary index ingested from a copy of the seed corpus. Requests go through
/// the real socket, framing and handlers; only what is about a process (signals, exit status,
/// socket files, descriptor limits) uses `ProcessServerFixture`.
///
/// `stop` starts a graceful shutdown (as SIGTERM would) and `stopped` waits for it; a fixture
/// released without either stops its daemon too, so none outlives its test.
final class ServerFixture: Sendable {
    let directory: TemporaryDirectory
    /// The copy of the seed corpus the index was built from (its absolute paths are in the index).
    let corpus: String
    let index: String
    let socket: String
    private let daemon: PassimDaemon
    private let serving: Task<Void, Never>

    /// Builds the index from the seed corpus and `articles` (file name: text), unless `ingest`
    /// is false, as `shards` shards when given, and starts a daemon answering with `handlers`;
    /// it serves once this returns. It watches the corpus only when `watching` (a test that
    /// ingests must not race the watcher).
    init(
        articles: [String: String] = [:], ingest: Bool = true, shards: Int? = nil, watching: Bool = false,
        handlers: HandlerRegistry = .standard, configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws {
        directory = try TemporaryDirectory()
        corpus = directory.path("corpus")
        index = directory.path("index")
        socket = directory.path("run/passim.sock")
        try SeedCorpus.copy(to: corpus)
        for (name, text) in articles {
            try text.write(toFile: corpus + "/" + name, atomically: false, encoding: .utf8)
        }
        if ingest { try SeedCorpus.ingest(corpus, into: index, shards: shards) }
        var configuration = ServerConfiguration(
            index: IndexLayout(directory: index), socketPath: socket, version: "test")
        configuration.searcherThreads = 2
        configuration.watchCorpus = watching
        configure(&configuration)
        let daemon = try await withTaskExecutorPreference(DedicatedExecutor.shared) { [configuration] in
            try await PassimDaemon.start(configuration, handlers: handlers, logger: SeedCorpus.quiet)
        }
        self.daemon = daemon
        // Off the cooperative pool, which blocking synchronous tests may hold (`DedicatedExecutor`).
        serving = Task(executorPreference: DedicatedExecutor.shared) {
            do {
                try await daemon.run()
            } catch {
                Issue.record("the daemon failed: \(error)")
            }
        }
    }

    deinit {
        daemon.requestShutdown()
    }

    /// Starts a graceful shutdown without waiting for it.
    func stop() {
        daemon.requestShutdown()
    }

    /// Waits until the daemon has stopped (after `stop`, or the `shutdown` method) and removed
    /// its socket.
    func stopped() async {
        await serving.value
    }

    /// A new client connection.
    func client(_ framing: TestFraming = .lines) throws -> TestClient {
        try TestClient(socket: socket, framing: framing)
    }
}

/// The seed articles, as the server tests use them.
enum SeedCorpus {
    /// Copies the seed corpus's articles into `folder`.
    static func copy(to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: Repository.corpus.path)
        where name.hasSuffix(".txt") {
            try FileManager.default.copyItem(
                atPath: Repository.corpus.appendingPathComponent(name).path, toPath: folder + "/" + name)
        }
    }

    /// Ingests `folder` into a new index at `index`, as `passim ingest` does.
    static func ingest(_ folder: String, into index: String, shards: Int? = nil) throws {
        let writer = try IndexWriter(layout: IndexLayout(directory: index), shards: shards)
        _ = try Ingestor(writer: writer, logger: quiet).ingest(paths: [folder])
        try writer.close()
    }

    static let quiet = Logger(label: "passim.test") { _ in SwiftLogNoOpLogHandler() }
}
