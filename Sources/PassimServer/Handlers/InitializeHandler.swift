import PassimProtocol

/// `initialize`: settles the position encoding and subscriptions, and describes the server.
struct InitializeHandler: DirectMethodHandler {
    typealias Request = InitializeRequest

    /// Answers at once, on the thread that read the request: there is nothing to wait for.
    func start(
        _ request: InitializeRequest, context: RequestContext,
        reply: @escaping @Sendable (Result<InitializeResult, ResponseError>) -> Void
    ) {
        reply(answer(request, context: context))
    }

    private func answer(_ request: InitializeRequest, context: RequestContext) -> Result<
        InitializeResult, ResponseError
    > {
        guard let encoding = context.connection.apply(request) else {
            return .failure(
                .invalidRequest("`initialize` was already sent on this connection; open a new connection to start over")
            )
        }
        let services = context.services
        context.logger.debug(
            "client initialized",
            metadata: [
                "client": "\(request.clientInfo?.name ?? "unnamed")", "positionEncoding": "\(encoding.rawValue)",
                "indexDidChange": "\(request.wantsIndexDidChange)",
            ])
        return .success(
            InitializeResult(
                serverInfo: services.configuration.serverInfo, positionEncoding: encoding,
                capabilities: ServerCapabilities(
                    methods: MessageRegistry.server.requestMethods.filter { services.handlers.handler(for: $0) != nil },
                    notifications: [IndexDidChangeNotification.method, ProgressNotification.method],
                    maxMessageBytes: services.configuration.maxMessageBytes),
                index: services.indexInfo))
    }
}
