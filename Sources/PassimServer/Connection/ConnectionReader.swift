import Logging
import NIOCore
import PassimProtocol

/// Reads one connection: splits its bytes into messages, classifies them, answers bad ones,
/// and starts a task for each request, at most `maxRequestsPerConnection` at a time.
struct ConnectionReader: Sendable {
    let state: ConnectionState
    let outbox: Outbox
    let services: ServerServices
    let logger: Logger
    /// The connection's channel: whether the client is still there.
    let channel: any Channel
    private var eventLoop: any EventLoop { channel.eventLoop }
    private let inFlight = InFlightRequests()
    private let decoder = MessageDecoder()

    init(state: ConnectionState, outbox: Outbox, services: ServerServices, logger: Logger, channel: any Channel) {
        self.state = state
        self.outbox = outbox
        self.services = services
        self.logger = logger
        self.channel = channel
    }

    /// Reads until the peer closes its side (or shutdown stops reading), then waits for the
    /// requests still running.
    func read(_ inbound: NIOAsyncChannelInboundStream<ByteBuffer>) async {
        var frames = FrameDecoder(maxMessageBytes: services.configuration.maxMessageBytes)
        let limit = max(1, services.configuration.maxRequestsPerConnection)
        await withTaskGroup(of: Void.self) { requests in
            var running = 0
            func dispatch(_ events: [FrameDecoder.Event]) async {
                if let framing = frames.framing { state.framing = framing }
                let batch = events.map(decode)
                let cancelled = Self.cancelledLater(in: batch)
                for (index, item) in batch.enumerated() {
                    while running >= limit, await requests.next() != nil { running -= 1 }
                    if await handle(item, cancelled: cancelled.contains(index), requests: &requests) { running += 1 }
                }
            }
            do {
                var first = true
                for try await buffer in inbound {
                    let events = frames.feed(buffer.readableBytesView)
                    if first, await clientLeft() { connectionClosed() }
                    first = false
                    await dispatch(events)
                }
            } catch {
                logger.debug("reading failed", metadata: ["error": "\(error)"])
            }
            await dispatch(frames.finish())
        }
    }

    /// A framing event, its message decoded.
    enum Item {
        case framingError(FramingError)
        case message(IncomingMessage)
    }

    private func decode(_ event: FrameDecoder.Event) -> Item {
        switch event {
        case .error(let error): .framingError(error)
        case .message(let bytes): .message(decoder.decode(bytes))
        }
    }

    /// The positions of the requests in `batch` that a `$/cancelRequest` later in the same batch
    /// names: a client that replaced a search before the daemon read either (it was busy, or
    /// paused) has it answered `requestCancelled` without running it, whatever the threads do.
    static func cancelledLater(in batch: [Item]) -> Set<Int> {
        var cancels: Set<RequestID> = []
        var cancelled: Set<Int> = []
        for (index, item) in batch.enumerated().reversed() {
            guard case .message(let message) = item else { continue }
            switch message {
            case .notification(let notification):
                if let cancel = notification as? CancelRequestNotification { cancels.insert(cancel.id) }
            case .request(let id, _):
                // A cancel names the nearest request with its id before it.
                if cancels.remove(id) != nil { cancelled.insert(index) }
            default:
                break
            }
        }
        return cancelled
    }

    /// Acts on one item of a batch; true when it started a request task.
    private func handle(_ item: Item, cancelled: Bool, requests: inout TaskGroup<Void>) async -> Bool {
        switch item {
        case .framingError(let error):
            logger.debug("framing error", metadata: ["error": "\(error)"])
            await reply(error.responseError, id: error.requestID)
            return false
        case .message(let message):
            return await handle(message, cancelled: cancelled, requests: &requests)
        }
    }

    private func handle(_ message: IncomingMessage, cancelled: Bool, requests: inout TaskGroup<Void>) async -> Bool {
        switch message {
        case .request(let id, let request):
            return await start(request, id: id, cancelled: cancelled, requests: &requests)
        case .notification(let notification):
            if let cancel = notification as? CancelRequestNotification {
                let found = inFlight.cancel(cancel.id)
                logger.debug("cancel request", metadata: ["id": "\(cancel.id)", "running": "\(found)"])
            } else {
                logger.debug("ignored notification", metadata: ["method": "\(type(of: notification).method)"])
            }
            return false
        case .response:
            logger.debug("ignored a response: the server sends no requests")
            return false
        case .invalid(let id, let error):
            await reply(error, id: id)
            return false
        case .ignored(let reason):
            logger.debug("ignored a message", metadata: ["reason": "\(reason)"])
            return false
        }
    }

    private func start(
        _ request: any RequestType, id: RequestID, cancelled: Bool, requests: inout TaskGroup<Void>
    ) async -> Bool {
        let method = type(of: request).method
        if services.connections.isShuttingDown {
            await reply(.serverShuttingDown(), id: id)
            return false
        }
        guard let handler = services.handlers.handler(for: method) else {
            await reply(.methodNotFound(method), id: id)
            return false
        }
        guard let token = inFlight.begin(id) else {
            await reply(.invalidRequest("id \(id) belongs to a request still in progress; use a new id"), id: id)
            return false
        }
        if cancelled { token.stop(.cancelled) }
        let received = NIODeadline.now()
        let deadline = request.deadlineMs.map { milliseconds in
            eventLoop.scheduleTask(deadline: received + .milliseconds(Int64(milliseconds))) {
                token.stop(.deadlineExceeded(deadlineMs: milliseconds))
            }
        }
        let context = RequestContext(
            id: id, connection: state, outbox: outbox, token: token, received: received, services: services,
            logger: logger)
        let inFlight = self.inFlight
        let outbox = self.outbox
        let state = self.state
        let logger = self.logger
        requests.addTask {
            let response = await handler.respond(request, context)
            deadline?.cancel()
            inFlight.end(id)
            await outbox.send(state.framing.frame(response))
            logger.debug(
                "answered",
                metadata: [
                    "method": "\(method)", "id": "\(id)",
                    "ms": "\(Double((NIODeadline.now() - received).nanoseconds) / 1e6)",
                    "stopped": "\(token.reason.map { "\($0)" } ?? "no")",
                ])
        }
        return true
    }

    /// Whether the client has closed the connection, asked on the event loop once it has handled
    /// the event that brought the bytes in hand. A client that wrote and closed before the
    /// daemon read a byte (fzf killing a list helper while the daemon was busy) hands over its
    /// bytes and its hang-up in one event, in which the channel closes: asked after the first
    /// read, its requests are stopped before they start instead of racing the close. (Later
    /// reads are not asked: the daemon reads as bytes come, and a client that leaves while it
    /// is answered is stopped by `connectionClosed` when the channel closes.)
    private func clientLeft() async -> Bool {
        let channel = self.channel
        return (try? await eventLoop.submit { !channel.isActive }.get()) ?? true
    }

    /// The connection is closed on both sides (the client left, or was dropped): its requests
    /// still running, and those read after, are answered `requestCancelled` at once, and
    /// `stats` counts those searches as cancelled. A searcher thread already at work finishes,
    /// but queued work is skipped.
    func connectionClosed() {
        let stopped = inFlight.stopAll(.disconnected)
        if stopped > 0 { logger.debug("the client left; cancelled its requests", metadata: ["running": "\(stopped)"]) }
    }

    private func reply(_ error: ResponseError, id: RequestID?) async {
        await outbox.send(state.framing.frame(ResponseEncoding.error(error, id: id)))
    }
}
