import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PassimProtocol
import PassimSocket
import ServiceLifecycle

/// The Passim daemon: listens on a Unix socket and answers protocol requests over the index.
///
/// `start` claims the socket (refusing a second daemon, never removing anything but a stale
/// socket), binds it with mode 0600 and starts the searcher, watcher and writer threads; `run`
/// serves until a graceful shutdown (SIGTERM/SIGINT through swift-service-lifecycle, or the
/// `shutdown` method): it stops accepting, stops reading, lets in-flight requests finish and
/// their answers go out, then removes the socket.
public final class PassimDaemon: Service {
    private let configuration: ServerConfiguration
    private let claim: SocketClaim
    private let server: NIOAsyncChannel<AcceptedConnection, Never>
    private let services: ServerServices
    private let stopping: ShutdownSignal
    private let logger: Logger

    private init(
        configuration: ServerConfiguration, claim: SocketClaim,
        server: NIOAsyncChannel<AcceptedConnection, Never>, services: ServerServices,
        stopping: ShutdownSignal, logger: Logger
    ) {
        self.configuration = configuration
        self.claim = claim
        self.server = server
        self.services = services
        self.stopping = stopping
        self.logger = logger
    }

    /// The socket the daemon listens on.
    public var socketPath: String { configuration.socketPath }

    /// Claims and binds the socket and starts the worker threads. Throws when another daemon
    /// serves the socket or the path cannot be used; nothing is left behind then.
    public static func start(_ configuration: ServerConfiguration, logger: Logger) async throws(DaemonError)
        -> PassimDaemon
    {
        try await start(configuration, handlers: .standard, logger: logger)
    }

    /// Starts a daemon that answers with `handlers`, one per method.
    static func start(
        _ configuration: ServerConfiguration, handlers: HandlerRegistry, logger: Logger
    ) async throws(DaemonError) -> PassimDaemon {
        let claim = try SocketClaim.claim(path: configuration.socketPath, logger: logger)
        let server: NIOAsyncChannel<AcceptedConnection, Never>
        let accepted = AcceptedConnections()
        do {
            server = try await bind(configuration.socketPath, accepted: accepted)
            try claim.markBound()
        } catch {
            claim.release(logger: logger)
            if let error = error as? DaemonError { throw error }
            throw DaemonError(.socket, "cannot listen on \(configuration.socketPath): \(error)")
        }
        let stopping = ShutdownSignal()
        let generation = IndexGeneration()
        let rootsChanged = RootsChanged()
        let connections = ConnectionRegistry()
        let sources = SourceLoader()
        let pool = SearcherPool(
            layout: configuration.index, threadCount: configuration.searcherThreads, generation: generation,
            logger: logger)
        let watcher = IndexWatcher(
            layout: configuration.index, generation: generation, interval: configuration.watchInterval,
            recheck: configuration.watchedIndexRecheck, logger: logger
        ) { change in
            rootsChanged.signal()
            guard let message = ResponseEncoding.notification(change.notification) else { return }
            connections.broadcastIndexChange(message)
        }
        let ingest = IngestCoordinator(layout: configuration.index, watcher: watcher, sources: sources, logger: logger)
        let corpus =
            configuration.watchCorpus
            ? CorpusWatcher(layout: configuration.index, settle: configuration.watchSettle, logger: logger) {
                changes, roots in await ingest.applyWatched(changes, roots: roots)
            } : nil
        if let corpus { rootsChanged.onSignal { corpus.rootsMayHaveChanged() } }
        let services = ServerServices(
            configuration: configuration, pool: pool, watcher: watcher, ingest: ingest, stats: ServerStats(),
            sources: sources, connections: connections, accepted: accepted, handlers: handlers, corpus: corpus,
            requestShutdown: { stopping.trigger() })
        pool.start()
        ingest.start()
        await watcher.start()
        corpus?.start()
        let budget = DescriptorBudget.take()
        connections.limit(to: budget.maxConnections)
        logger.notice(
            "listening",
            metadata: [
                "socket": "\(configuration.socketPath)", "index": "\(configuration.index.directory)",
                "searchers": "\(configuration.searcherThreads)",
                "maxConnections": "\(budget.maxConnections)", "descriptorLimit": "\(budget.limit)",
            ])
        return PassimDaemon(
            configuration: configuration, claim: claim, server: server, services: services, stopping: stopping,
            logger: logger)
    }

    /// Starts a daemon and serves until SIGTERM, SIGINT or the `shutdown` method; returns after
    /// a clean stop (socket removed). Throws only when the daemon cannot start.
    public static func serve(_ configuration: ServerConfiguration, logger: Logger) async throws(DaemonError) {
        let daemon = try await start(configuration, logger: logger)
        // The `shutdown` method ends `run` on its own: a normal end, not a failure.
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: daemon, successTerminationBehavior: .gracefullyShutdownGroup)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            // The daemon's `run` does not throw; the group reports only its own trouble.
            logger.error("the service group stopped with an error", metadata: ["error": "\(error)"])
        }
    }

    /// Starts the same graceful shutdown as SIGTERM or the `shutdown` method, without waiting
    /// for it: `run` returns once it is done.
    public func requestShutdown() {
        stopping.trigger()
    }

    /// Serves until a graceful shutdown, then cleans up. Run it in a `ServiceGroup`.
    public func run() async throws {
        let server = self.server
        let services = self.services
        let logger = self.logger
        let grace = configuration.shutdownGracePeriod
        stopping.onTrigger {
            logger.notice("shutting down: no new connections; finishing requests in flight")
            server.channel.close(promise: nil)
            services.connections.beginShutdown()
            server.channel.eventLoop.scheduleTask(in: grace) {
                let closed = services.connections.closeAll()
                if closed > 0 {
                    logger.warning(
                        "closed connections whose clients did not read their last answers in time",
                        metadata: ["count": "\(closed)"])
                }
            }
        }
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await services.watcher.run() }
                if let corpus = services.corpus { group.addTask { await corpus.serve() } }
                await self.acceptConnections()
                await services.accepted.closeOrphans()
                // Before the group ends: the corpus watcher finishes the batch it is writing.
                await services.corpus?.shutdown()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.stopping.trigger()
        }
        await services.pool.shutdown()
        await services.ingest.shutdown()
        await services.watcher.shutdown()
        claim.release(logger: logger)
        logger.notice("stopped; socket removed", metadata: ["socket": "\(configuration.socketPath)"])
    }

    /// Accepts until the server channel closes, then waits for every connection to finish.
    private func acceptConnections() async {
        let services = self.services
        let logger = self.logger
        do {
            try await server.executeThenClose { inbound in
                await withDiscardingTaskGroup { connections in
                    do {
                        for try await accepted in inbound {
                            connections.addTask {
                                await Connection(
                                    channel: accepted.channel, peer: accepted.peer, services: services, logger: logger
                                ).run()
                            }
                        }
                    } catch {
                        logger.error("accepting connections failed", metadata: ["error": "\(error)"])
                        self.stopping.trigger()
                    }
                }
            }
        } catch {
            logger.error("the listening socket failed", metadata: ["error": "\(error)"])
        }
    }

    private static func bind(
        _ path: String, accepted: AcceptedConnections
    ) async throws -> NIOAsyncChannel<AcceptedConnection, Never> {
        // The directory is private already; the umask closes the gap between bind and chmod
        // when the user chose a shared directory such as /tmp.
        let previous = umask(0o177)
        defer { umask(previous) }
        return try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            // Reads of at least 2 KiB (NIO's adaptive default shrinks to 64 bytes after small
            // reads): what a client sent while the daemon was busy is read as one batch, in
            // which a search cancelled by a later message never runs (`ConnectionReader`).
            .childChannelOption(
                .recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 2_048, initial: 2_048, maximum: 65_536)
            )
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: false) { channel in
                PeerCredentials.read(channel).flatMapThrowing { peer in
                    let wrapped = try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    accepted.add(wrapped)
                    return AcceptedConnection(channel: wrapped, peer: peer)
                }
            }
    }
}

/// A one-way switch for "stop now": SIGTERM, SIGINT, the `shutdown` method, or a failed
/// listener. The action runs once, whoever triggers first.
final class ShutdownSignal: Sendable {
    private struct State {
        var triggered = false
        var action: (@Sendable () -> Void)?
    }

    private let state = NIOLockedValueBox(State())

    func onTrigger(_ action: @escaping @Sendable () -> Void) {
        let runNow = state.withLockedValue { state in
            state.action = action
            return state.triggered
        }
        if runNow { action() }
    }

    func trigger() {
        let action: (@Sendable () -> Void)? = state.withLockedValue { state in
            guard !state.triggered else { return nil }
            state.triggered = true
            return state.action
        }
        action?()
    }
}

/// Tells the corpus watcher that the index changed (its roots may have), once it exists: the
/// index watcher is made first.
final class RootsChanged: Sendable {
    private let action = NIOLockedValueBox<(@Sendable () -> Void)?>(nil)

    func onSignal(_ action: @escaping @Sendable () -> Void) {
        self.action.withLockedValue { $0 = action }
    }

    func signal() {
        action.withLockedValue { $0 }?()
    }
}
