/// `initialize`: the optional handshake. It negotiates the position encoding and asks for
/// notifications; without it a connection uses UTF-8 and gets no `index/didChange`.
public struct InitializeRequest: RequestType {
    public static let method = "initialize"
    public typealias Response = InitializeResult

    /// Who the client is, for the server's log.
    public var clientInfo: ClientInfo?
    /// What the client can handle and wants.
    public var capabilities: ClientCapabilities?

    /// Memberwise initializer.
    public init(clientInfo: ClientInfo? = nil, capabilities: ClientCapabilities? = nil) {
        self.clientInfo = clientInfo
        self.capabilities = capabilities
    }

    /// The encoding the server must use on this connection (see `PositionEncoding.negotiate`).
    public var negotiatedPositionEncoding: PositionEncoding {
        PositionEncoding.negotiate(capabilities?.general?.positionEncodings)
    }

    /// Whether the client asked for `index/didChange` notifications.
    public var wantsIndexDidChange: Bool {
        capabilities?.notifications?.indexDidChange ?? false
    }
}

/// Who the client is, for the server's log (LSP's `clientInfo`).
public struct ClientInfo: Codable, Sendable, Hashable {
    /// The client's name, e.g. `"vim"`.
    public var name: String
    /// The client's version.
    public var version: String?

    /// Memberwise initializer.
    public init(name: String, version: String? = nil) {
        self.name = name
        self.version = version
    }
}

/// What the client can handle. Every member is optional.
public struct ClientCapabilities: Codable, Sendable, Hashable {
    /// Capabilities shared with LSP.
    public var general: General?
    /// Notifications the client wants.
    public var notifications: Notifications?

    /// Memberwise initializer.
    public init(general: General? = nil, notifications: Notifications? = nil) {
        self.general = general
        self.notifications = notifications
    }

    /// LSP 3.17's `general` client capabilities.
    public struct General: Codable, Sendable, Hashable {
        /// Encodings the client can use, most preferred first: `"utf-8"`, `"utf-16"`, `"utf-32"`.
        public var positionEncodings: [String]?

        /// Memberwise initializer.
        public init(positionEncodings: [String]? = nil) {
            self.positionEncodings = positionEncodings
        }
    }

    /// Server notifications the client wants.
    public struct Notifications: Codable, Sendable, Hashable {
        /// Send `index/didChange` after each committed ingest.
        public var indexDidChange: Bool?

        /// Memberwise initializer.
        public init(indexDidChange: Bool? = nil) {
            self.indexDidChange = indexDidChange
        }
    }
}
