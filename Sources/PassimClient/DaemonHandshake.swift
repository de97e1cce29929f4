import PassimProtocol

/// What a one-shot command needs from the daemon's `initialize` answer: whether it speaks this
/// protocol, and which index it serves.
public struct DaemonHandshake: Sendable, Hashable {
    /// The protocol version the daemon speaks.
    public var protocolVersion: ProtocolVersion
    /// The index directory it serves; nil when it cannot open its index.
    public var indexPath: String?

    /// A handshake's facts.
    public init(protocolVersion: ProtocolVersion, indexPath: String?) {
        self.protocolVersion = protocolVersion
        self.indexPath = indexPath
    }

    /// Reads the two facts from an `initialize` result, skipping the rest.
    init(json reader: inout JSONReader) throws(JSONReadError) {
        var version: ProtocolVersion?
        var indexPath: String?
        try reader.readObject { reader, key throws(JSONReadError) in
            switch key {
            case "protocolVersion":
                let text = try reader.readString()
                guard let parsed = ProtocolVersion(text) else {
                    throw reader.failure("`protocolVersion` is not major.minor: \(text)")
                }
                version = parsed
            case "index":
                if try reader.readNull() { return }
                try reader.readObject { reader, key throws(JSONReadError) in
                    if key == "path" { indexPath = try reader.readString() } else { try reader.skipValue() }
                }
            default: try reader.skipValue()
            }
        }
        guard let version else { throw reader.failure("`protocolVersion` missing from the handshake") }
        self.init(protocolVersion: version, indexPath: indexPath)
    }
}
