/// The answer to `initialize`.
public struct InitializeResult: ResponseType {
    /// The protocol version the server speaks; clients check the major number.
    public var protocolVersion: ProtocolVersion
    /// The server's name and release.
    public var serverInfo: ServerInfo
    /// The encoding of every offset and column the server sends from now on.
    public var positionEncoding: PositionEncoding
    /// Methods, notifications and limits.
    public var capabilities: ServerCapabilities
    /// Absent when the index cannot be opened (searches then fail with `indexUnavailable`).
    public var index: IndexInfo?

    /// Memberwise initializer.
    public init(
        protocolVersion: ProtocolVersion = .current, serverInfo: ServerInfo,
        positionEncoding: PositionEncoding, capabilities: ServerCapabilities, index: IndexInfo?
    ) {
        self.protocolVersion = protocolVersion
        self.serverInfo = serverInfo
        self.positionEncoding = positionEncoding
        self.capabilities = capabilities
        self.index = index
    }
}

/// What the server offers.
public struct ServerCapabilities: Codable, Sendable, Hashable {
    /// Request methods the server answers.
    public var methods: [String]
    /// Notifications the server may send.
    public var notifications: [String]
    /// The largest message the server reads, in bytes.
    public var maxMessageBytes: Int

    /// Memberwise initializer.
    public init(methods: [String], notifications: [String], maxMessageBytes: Int) {
        self.methods = methods
        self.notifications = notifications
        self.maxMessageBytes = maxMessageBytes
    }
}
