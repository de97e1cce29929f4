import PassimProtocol

/// `ping`: answers `{}` at once.
struct PingHandler: DirectMethodHandler {
    typealias Request = PingRequest

    func start(
        _ request: PingRequest, context: RequestContext,
        reply: @escaping @Sendable (Result<EmptyResponse, ResponseError>) -> Void
    ) {
        reply(.success(EmptyResponse()))
    }
}
