import PassimProtocol

/// `initialize`: settles the position encoding and subscriptions, and describes the server.
struct InitializeHandler: MethodHandler {
    func handle(_ request: InitializeRequest, context: RequestContext) async -> Result<InitializeResult, ResponseError>
    {
        guard let encoding = context.connection.apply(request) else {
            return .failure(
                .invalidRequest("`initialize` was already sent on this connection; open a new connection to start over")
            )
        }
        let services = context.services
        // At debug: the CLI and the pickers open a connection per search (per keystroke in fzf),
        // which at info would fill a journal with a line each; `stats` counts them.
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
