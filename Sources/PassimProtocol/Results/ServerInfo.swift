/// The server's name and version (`initialize`, `stats`).
public struct ServerInfo: Codable, Sendable, Hashable {
    /// `"passim"`.
    public var name: String
    /// The Passim release, e.g. `"0.1.0"` (not the protocol version).
    public var version: String

    /// Memberwise initializer.
    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }
}
