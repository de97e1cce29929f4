import Logging
import NIOCore
import PassimProtocol

/// What it takes to start and answer one connection's requests, the same way whether a request
/// runs straight from the event loop (`RequestPipeline`) or from the reader task
/// (`ConnectionReader`).
struct RequestRunner: Sendable {
    /// A request ready to run: its handler, its context, and the timer of its deadline.
    struct Started: Sendable {
        let handler: AnyMethodHandler
        let context: RequestContext
        let method: String
        let deadline: Scheduled<Void>?
    }

    let state: ConnectionState
    let outbox: Outbox
    let services: ServerServices
    let logger: Logger
    let eventLoop: any EventLoop
    let inFlight = InFlightRequests()
    let slots: RequestSlots

    init(channel: any Channel, services: ServerServices, logger: Logger) {
        let state = ConnectionState(id: services.connections.makeID())
        var logger = logger
        logger[metadataKey: "connection"] = "\(state.id)"
        self.state = state
        self.outbox = Outbox(channel: channel, logger: logger)
        self.services = services
        self.logger = logger
        self.eventLoop = channel.eventLoop
        self.slots = RequestSlots(limit: services.configuration.maxRequestsPerConnection)
    }

    /// Registers request `id` and arms its deadline, or says why it cannot run.
    func start(_ request: any RequestType, id: RequestID) -> Result<Started, ResponseError> {
        let method = type(of: request).method
        if services.connections.isShuttingDown { return .failure(.serverShuttingDown()) }
        guard let handler = services.handlers.handler(for: method) else { return .failure(.methodNotFound(method)) }
        guard let token = inFlight.begin(id) else {
            return .failure(.invalidRequest("id \(id) belongs to a request still in progress; use a new id"))
        }
        let received = NIODeadline.now()
        let deadline = request.deadlineMs.map { milliseconds in
            eventLoop.scheduleTask(deadline: received + .milliseconds(Int64(milliseconds))) {
                token.stop(.deadlineExceeded(deadlineMs: milliseconds))
            }
        }
        let context = RequestContext(
            id: id, connection: state, outbox: outbox, token: token, received: received, services: services,
            logger: logger)
        return .success(Started(handler: handler, context: context, method: method, deadline: deadline))
    }

    /// The request is done: writes its response; `written` runs once it is written.
    func finish(_ started: Started, response: [UInt8], then written: @escaping @Sendable () -> Void) {
        started.deadline?.cancel()
        inFlight.end(started.context.id)
        let logger = self.logger
        let context = started.context
        outbox.write(state.framing.frame(response)) {
            logger.debug(
                "answered",
                metadata: [
                    "method": "\(started.method)", "id": "\(context.id)",
                    "ms": "\(Double((NIODeadline.now() - context.received).nanoseconds) / 1e6)",
                    "stopped": "\(context.token.reason.map { "\($0)" } ?? "no")",
                ])
            written()
        }
    }

    /// Answers with an error at once; `written` runs once it is written.
    func reply(_ error: ResponseError, id: RequestID?, then written: @escaping @Sendable () -> Void = {}) {
        outbox.write(state.framing.frame(ResponseEncoding.error(error, id: id)), then: written)
    }
}
