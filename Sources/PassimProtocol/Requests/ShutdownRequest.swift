/// `shutdown`: the server answers `null`, stops accepting, finishes in-flight requests, removes
/// its socket and exits. Any client of the same user may send it.
public struct ShutdownRequest: RequestType {
    public static let method = "shutdown"
    public typealias Response = VoidResponse

    /// Memberwise initializer.
    public init() {}
}
