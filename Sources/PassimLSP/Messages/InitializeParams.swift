/// What `passim lsp` reads of the client's `initialize` params; LSP sends much more, which is
/// ignored.
public struct InitializeParams: Codable, Sendable, Hashable {
    public var capabilities: Capabilities?
    public var clientInfo: ClientInfo?

    public init(capabilities: Capabilities? = nil, clientInfo: ClientInfo? = nil) {
        self.capabilities = capabilities
        self.clientInfo = clientInfo
    }

    /// The client's capabilities: only `general.positionEncodings` matters here.
    public struct Capabilities: Codable, Sendable, Hashable {
        public var general: General?

        public init(general: General? = nil) {
            self.general = general
        }
    }

    /// LSP 3.17's general client capabilities.
    public struct General: Codable, Sendable, Hashable {
        /// The encodings the client can count positions in (LSP's `PositionEncodingKind`s).
        public var positionEncodings: [String]?

        public init(positionEncodings: [String]? = nil) {
            self.positionEncodings = positionEncodings
        }
    }

    /// The client's name and version, for the log.
    public struct ClientInfo: Codable, Sendable, Hashable {
        public var name: String
        public var version: String?

        public init(name: String, version: String? = nil) {
            self.name = name
            self.version = version
        }
    }
}
