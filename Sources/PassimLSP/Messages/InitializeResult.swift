import PassimProtocol

/// The answer to `initialize`: what the server can do and the position encoding it chose.
public struct LSPInitializeResult: Codable, Sendable, Hashable {
    public var capabilities: ServerCapabilities
    public var serverInfo: ServerInfo

    public init(capabilities: ServerCapabilities, serverInfo: ServerInfo) {
        self.capabilities = capabilities
        self.serverInfo = serverInfo
    }

    /// The server's capabilities: positions and `workspace/symbol`, nothing else.
    public struct ServerCapabilities: Codable, Sendable, Hashable {
        public var positionEncoding: PositionEncoding
        public var workspaceSymbolProvider: Bool

        public init(positionEncoding: PositionEncoding, workspaceSymbolProvider: Bool = true) {
            self.positionEncoding = positionEncoding
            self.workspaceSymbolProvider = workspaceSymbolProvider
        }
    }

    /// The server's name and version.
    public struct ServerInfo: Codable, Sendable, Hashable {
        public var name: String
        public var version: String

        public init(name: String, version: String) {
            self.name = name
            self.version = version
        }
    }
}
