import PassimProtocol

/// `ping`: answers `{}` at once.
struct PingHandler: MethodHandler {
    func handle(_ request: PingRequest, context: RequestContext) async -> Result<EmptyResponse, ResponseError> {
        .success(EmptyResponse())
    }
}
