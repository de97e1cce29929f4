import Logging
import NIOCore
import PassimCore
import PassimProtocol

/// The daemon's shared parts, handed to every request.
final class ServerServices: Sendable {
    let configuration: ServerConfiguration
    let pool: SearcherPool
    let watcher: IndexWatcher
    let ingest: IngestCoordinator
    let stats: ServerStats
    let sources: SourceLoader
    let connections: ConnectionRegistry
    /// Accepted channels on their way to a connection task.
    let accepted: AcceptedConnections
    let handlers: HandlerRegistry
    /// Keeps the index current with the files under its roots; nil with `--no-watch`.
    let corpus: CorpusWatcher?
    /// Starts the same graceful shutdown as SIGTERM.
    let requestShutdown: @Sendable () -> Void

    init(
        configuration: ServerConfiguration, pool: SearcherPool, watcher: IndexWatcher, ingest: IngestCoordinator,
        stats: ServerStats, sources: SourceLoader, connections: ConnectionRegistry, accepted: AcceptedConnections,
        handlers: HandlerRegistry, corpus: CorpusWatcher?, requestShutdown: @escaping @Sendable () -> Void
    ) {
        self.configuration = configuration
        self.pool = pool
        self.watcher = watcher
        self.ingest = ingest
        self.stats = stats
        self.sources = sources
        self.connections = connections
        self.accepted = accepted
        self.handlers = handlers
        self.corpus = corpus
        self.requestShutdown = requestShutdown
    }

    /// The index as of the watcher's last look; nil when it cannot be opened.
    var indexInfo: IndexInfo? { watcher.indexInfo }
}
