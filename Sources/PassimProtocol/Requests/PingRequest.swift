/// `ping`: answers `{}` at once; for liveness checks and measuring round trips.
public struct PingRequest: RequestType {
    public static let method = "ping"
    public typealias Response = EmptyResponse

    /// Memberwise initializer.
    public init() {}
}
