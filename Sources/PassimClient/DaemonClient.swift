import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PassimProtocol
import PassimSocket

/// A connection to the Passim daemon's Unix socket, with one typed async call per method.
///
/// SwiftNIO carries the bytes (the CLI's commands are async already, so an event loop costs
/// nothing in blocking style): requests go out line-framed, and a `ResponseRouter` matches
/// answers to requests by id, so several calls may run at once on one connection. Each call
/// has a timeout; when it passes, or the calling task is cancelled, the request is cancelled
/// on the daemon with `$/cancelRequest`.
public final class DaemonClient: Sendable {
    /// The socket this client is connected to.
    public let socketPath: String
    private let channel: any Channel
    private let pending: PendingRequests
    private let nextID = NIOLockedValueBox(1)

    private init(socketPath: String, channel: any Channel, pending: PendingRequests) {
        self.socketPath = socketPath
        self.channel = channel
        self.pending = pending
    }

    /// Connects to the daemon at `socketPath`. Fails with `.notRunning`, `.connectionRefused`
    /// or `.cannotConnect` when no daemon answers there, and with `.untrusted` when the socket
    /// sits where another user could have put it or is answered by another user's process.
    public static func connect(
        socketPath: String, timeout: Duration = .seconds(2)
    ) async throws(ClientError) -> DaemonClient {
        // The daemon's own rules for its directory, checked before a byte is sent: otherwise
        // another user's socket would get this user's queries and paths, and answer with hits
        // of its choosing.
        if let problem = SocketSafety.problem(socket: socketPath) {
            throw .untrusted(socket: socketPath, reason: problem.description)
        }
        let pending = PendingRequests()
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.nanoseconds(Int64(timeout.seconds * 1e9)))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ResponseRouter(pending: pending, socketPath: socketPath))
                    }
                }
                .connect(unixDomainSocketPath: socketPath)
                .get()
        } catch {
            throw ConnectFailure.classify(error, socket: socketPath)
        }
        // Whoever listens must be this user (SO_PEERCRED), as the daemon requires of its clients.
        let peer = try? await PeerCredentials.read(channel).get()
        guard let peer, peer.uid == getuid() else {
            try? await channel.close()
            let who =
                peer.map { "a process of user \($0.uid) (pid \($0.pid))" } ?? "a process that cannot be identified"
            throw .untrusted(socket: socketPath, reason: "it is answered by \(who), not by one of yours (\(getuid()))")
        }
        return DaemonClient(socketPath: socketPath, channel: channel, pending: pending)
    }

    /// Closes the connection; calls still waiting fail with `.connectionClosed`.
    public func close() async {
        try? await channel.close()
    }

    /// The handshake: the daemon's versions, capabilities and index. The client always keeps
    /// UTF-8 positions, the CLI's own; with `indexChanges`, each `index/didChange` the daemon
    /// sends from then on goes to it.
    public func initialize(
        clientName: String = "passim-cli", version: String? = nil, timeout: Duration = .seconds(5),
        indexChanges: (@Sendable (IndexDidChangeNotification) -> Void)? = nil
    ) async throws(ClientError) -> InitializeResult {
        let request = InitializeRequest(
            clientInfo: ClientInfo(name: clientName, version: version),
            capabilities: ClientCapabilities(
                general: .init(positionEncodings: [PositionEncoding.utf8.rawValue]),
                notifications: indexChanges == nil ? nil : .init(indexDidChange: true)))
        // Listening first: a change committed right after the answer must not be missed.
        pending.listenForChanges(indexChanges)
        return try await send(request, timeout: timeout)
    }

    /// Ranked passages for `request`, the same result as an in-process search.
    public func search(_ request: SearchRequest, timeout: Duration = .seconds(60)) async throws(ClientError)
        -> SearchResult
    {
        try await send(request, timeout: timeout)
    }

    /// Runs an ingest in the daemon; `progress` receives its `$/progress` steps when the request
    /// carries a `workDoneToken` (one is chosen when it has none). No timeout by default:
    /// ingesting a large folder takes as long as it takes.
    public func ingest(
        _ request: IngestRequest, timeout: Duration? = nil,
        progress: (@Sendable (ProgressValue) -> Void)? = nil
    ) async throws(ClientError) -> IngestResult {
        guard let progress else { return try await send(request, timeout: timeout) }
        var request = request
        let token = request.workDoneToken ?? .string("passim-ingest-\(UUID().uuidString)")
        request.workDoneToken = token
        pending.listen(token, progress)
        defer { pending.stopListening(token) }
        return try await send(request, timeout: timeout)
    }

    /// The daemon's counters: what `passim status` shows.
    public func stats(timeout: Duration = .seconds(5)) async throws(ClientError) -> StatsResult {
        try await send(StatsRequest(), timeout: timeout)
    }

    /// A round trip that proves the daemon answers.
    public func ping(timeout: Duration = .seconds(5)) async throws(ClientError) {
        _ = try await send(PingRequest(), timeout: timeout)
    }

    /// Sends any request and waits for its typed answer (`nil` timeout: wait as long as the
    /// connection lives).
    public func send<Request: RequestType>(
        _ request: Request, timeout: Duration?
    ) async throws(ClientError) -> Request.Response {
        let id = RequestID.number(
            nextID.withLockedValue { id in
                defer { id += 1 }
                return id
            })
        let message: Data
        do {
            message = try MessageEncoder().encode(request, id: id)
        } catch {
            preconditionFailure("a request holds only strings, numbers and booleans: \(error)")
        }
        let promise = channel.eventLoop.makePromise(of: [UInt8].self)
        pending.register(id, promise: promise)
        // A cancel goes out only once the request itself is written: a timer's task can run on
        // the event loop before a write queued earlier from another thread (NIO interleaves
        // its immediate and scheduled tasks), and a cancel ahead of its request is ignored
        // by the daemon, which then runs the request to the end.
        let write = channel.eventLoop.makePromise(of: Void.self)
        channel.writeAndFlush(ByteBuffer(bytes: Framing.lines.frame(message)), promise: write)
        let written = write.futureResult
        let cancel: @Sendable () -> Void = { [self] in written.whenComplete { _ in self.cancelOnDaemon(id) } }
        let timer = timeout.map { timeout in
            channel.eventLoop.scheduleTask(in: .nanoseconds(Int64(timeout.seconds * 1e9))) { [self] in
                if pending.fail(id, with: .timeout(method: Request.method, seconds: timeout.seconds)) { cancel() }
            }
        }
        defer { timer?.cancel() }

        let bytes: [UInt8]
        do {
            bytes = try await withTaskCancellationHandler {
                try await promise.futureResult.get()
            } onCancel: { [self] in
                if pending.fail(id, with: .cancelled(method: Request.method)) { cancel() }
            }
        } catch let error as ClientError {
            throw error
        } catch {
            throw .connectionClosed(socket: socketPath)
        }
        return try Self.decode(bytes, as: Request.self)
    }

    private func cancelOnDaemon(_ id: RequestID) {
        guard let message = try? MessageEncoder().encode(CancelRequestNotification(id: id)) else { return }
        channel.writeAndFlush(ByteBuffer(bytes: Framing.lines.frame(message)), promise: nil)
    }

    private static func decode<Request: RequestType>(
        _ bytes: [UInt8], as: Request.Type
    ) throws(ClientError) -> Request.Response {
        let response: ResponseMessage<Request.Response>
        do {
            response = try JSONDecoder().decode(ResponseMessage<Request.Response>.self, from: Data(bytes))
        } catch {
            throw .invalidResponse(method: Request.method, detail: "\(error)")
        }
        switch response.outcome {
        case .success(let result): return result
        case .failure(let error): throw .server(error)
        }
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
