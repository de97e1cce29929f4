import Foundation
import PassimProtocol

/// Answers one request method. Each method has its own handler type; `HandlerRegistry` finds
/// it by the method name `MessageDecoder` decoded.
protocol MethodHandler: Sendable {
    associatedtype Request: RequestType
    /// Answers `request`; errors are answered as JSON-RPC errors with the request's id.
    func handle(_ request: Request, context: RequestContext) async -> Result<Request.Response, ResponseError>
}

/// A handler with its request type erased, so handlers of every method fit in one table.
struct AnyMethodHandler: Sendable {
    let method: String
    /// Answers a request and returns the encoded response message (unframed).
    let respond: @Sendable (_ request: any RequestType, _ context: RequestContext) async -> [UInt8]

    init<Handler: MethodHandler>(_ handler: Handler) {
        method = Handler.Request.method
        respond = { request, context in
            guard let typed = request as? Handler.Request else {
                return ResponseEncoding.error(
                    .internalError("`\(Handler.Request.method)` was routed a \(type(of: request))"), id: context.id)
            }
            switch await handler.handle(typed, context: context) {
            case .success(let result): return ResponseEncoding.result(result, id: context.id)
            case .failure(let error): return ResponseEncoding.error(error, id: context.id)
            }
        }
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
