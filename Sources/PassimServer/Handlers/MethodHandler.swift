import Foundation
import PassimProtocol

/// Answers one request method. Each method has its own handler type; `HandlerRegistry` finds
/// it by the method name `MessageDecoder` decoded.
protocol MethodHandler: Sendable {
    associatedtype Request: RequestType
    /// Answers `request`; errors are answered as JSON-RPC errors with the request's id.
    func handle(_ request: Request, context: RequestContext) async -> Result<Request.Response, ResponseError>
}

/// A handler that needs no task of its own: `start` returns at once, and the answer goes to
/// `reply` from whichever thread finishes the work (a searcher thread, or the one that stopped
/// the request). A connection calls it straight from its event loop, so the request passes no
/// hand-off through Swift's task executor, whose threads are slow to wake (BENCHMARKS.md).
protocol DirectMethodHandler: MethodHandler {
    func start(
        _ request: Request, context: RequestContext,
        reply: @escaping @Sendable (Result<Request.Response, ResponseError>) -> Void)
}

extension DirectMethodHandler {
    func handle(_ request: Request, context: RequestContext) async -> Result<Request.Response, ResponseError> {
        await withCheckedContinuation { continuation in
            start(request, context: context) { continuation.resume(returning: $0) }
        }
    }
}

/// A handler with its request type erased, so handlers of every method fit in one table.
struct AnyMethodHandler: Sendable {
    let method: String
    /// Answers a request and returns the encoded response message (unframed).
    let respond: @Sendable (_ request: any RequestType, _ context: RequestContext) async -> [UInt8]
    /// Starts a request without a task and hands the encoded response to `reply` (see
    /// `DirectMethodHandler`); nil when the handler needs a task.
    let start: Start?

    typealias Start =
        @Sendable (
            _ request: any RequestType, _ context: RequestContext, _ reply: @escaping @Sendable ([UInt8]) -> Void
        ) -> Void

    init<Handler: MethodHandler>(_ handler: Handler) {
        self.init(handler, start: nil)
    }

    init<Handler: DirectMethodHandler>(_ handler: Handler) {
        self.init(handler) { request, context, reply in
            guard let typed = request as? Handler.Request else {
                reply(Self.misrouted(request, to: Handler.self, id: context.id))
                return
            }
            handler.start(typed, context: context) { reply(Self.encoded($0, id: context.id)) }
        }
    }

    private init<Handler: MethodHandler>(_ handler: Handler, start: Start?) {
        method = Handler.Request.method
        respond = { request, context in
            guard let typed = request as? Handler.Request else {
                return Self.misrouted(request, to: Handler.self, id: context.id)
            }
            return Self.encoded(await handler.handle(typed, context: context), id: context.id)
        }
        self.start = start
    }

    private static func encoded<R: ResponseType>(_ result: Result<R, ResponseError>, id: RequestID) -> [UInt8] {
        switch result {
        case .success(let result): return ResponseEncoding.result(result, id: id)
        case .failure(let error): return ResponseEncoding.error(error, id: id)
        }
    }

    private static func misrouted<Handler: MethodHandler>(
        _ request: any RequestType, to _: Handler.Type, id: RequestID
    ) -> [UInt8] {
        ResponseEncoding.error(.internalError("`\(Handler.Request.method)` was routed a \(type(of: request))"), id: id)
    }
}

/// The handlers by method name.
struct HandlerRegistry: Sendable {
    private let handlers: [String: AnyMethodHandler]

    init(_ handlers: [AnyMethodHandler]) {
        self.handlers = Dictionary(handlers.map { ($0.method, $0) }, uniquingKeysWith: { first, _ in first })
        precondition(self.handlers.count == handlers.count, "one handler per method")
    }

    /// Every method the server answers, one handler each.
    static let standard = HandlerRegistry([
        AnyMethodHandler(InitializeHandler()), AnyMethodHandler(SearchHandler()),
        AnyMethodHandler(PassageGetHandler()), AnyMethodHandler(ArticleGetHandler()),
        AnyMethodHandler(SuggestHandler()), AnyMethodHandler(StatsHandler()), AnyMethodHandler(PingHandler()),
        AnyMethodHandler(ShutdownHandler()), AnyMethodHandler(IngestHandler()),
    ])

    /// These handlers with `handler` answering its method instead (or as well, if it is new).
    func replacing(_ handler: AnyMethodHandler) -> HandlerRegistry {
        HandlerRegistry(handlers.values.filter { $0.method != handler.method } + [handler])
    }

    func handler(for method: String) -> AnyMethodHandler? {
        handlers[method]
    }

    var methods: Set<String> { Set(handlers.keys) }
}

/// Encodes outgoing messages; an encoding failure (a non-finite score) becomes an error
/// response instead of a dropped reply.
enum ResponseEncoding {
    private static let encoder = MessageEncoder()

    static func result<R: ResponseType>(_ result: R, id: RequestID) -> [UInt8] {
        do {
            return try encoder.encodedBytes(result: result, id: id)
        } catch {
            return self.error(.internalError("the result cannot be encoded as JSON: \(error)"), id: id)
        }
    }

    static func error(_ error: ResponseError, id: RequestID?) -> [UInt8] {
        do {
            return Array(try encoder.encode(error: error, id: id))
        } catch {
            // An error response holds only strings and integers; this cannot fail in practice.
            return Array(#"{"error":{"code":-32603,"message":"Internal error"},"id":null,"jsonrpc":"2.0"}"#.utf8)
        }
    }

    static func notification<N: NotificationType>(_ notification: N) -> [UInt8]? {
        try? Array(encoder.encode(notification))
    }
}
