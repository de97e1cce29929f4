import PassimProtocol

/// `shutdown`: starts the graceful stop SIGTERM starts. This request is in flight while the
/// connections drain, so its `null` answer is written before its connection closes.
struct ShutdownHandler: MethodHandler {
    func handle(_ request: ShutdownRequest, context: RequestContext) async -> Result<VoidResponse, ResponseError> {
        context.logger.notice("shutdown requested by a client", metadata: ["connection": "\(context.connection.id)"])
        context.services.requestShutdown()
        return .success(VoidResponse())
    }
}
