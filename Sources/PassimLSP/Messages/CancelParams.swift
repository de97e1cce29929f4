import PassimProtocol

/// The params of `$/cancelRequest`: the id of the request to cancel.
public struct CancelParams: Codable, Sendable, Hashable {
    /// JSON-RPC's integer-or-string id, the same shape as the daemon protocol's.
    public var id: RequestID

    public init(id: RequestID) {
        self.id = id
    }
}
