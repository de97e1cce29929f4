/// The protocol's version, `"<major>.<minor>"` on the wire.
///
/// Policy (like notmuch's `--format-version`): the major number goes up when a change can break
/// a client written for the previous version (a method, field or error code removed or renamed,
/// a type or meaning changed, a default changed); the minor number goes up for additions a
/// client may ignore (a new method, notification, optional param, result field or error code).
/// Clients must ignore unknown fields and should check only the major number.
public struct ProtocolVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Goes up with changes that can break clients.
    public var major: Int
    /// Goes up with additions clients may ignore.
    public var minor: Int

    /// Memberwise initializer.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// The version this module speaks. PROTOCOL.md's version history must list it.
    public static let current = ProtocolVersion(major: 1, minor: 7)

    /// Parses `"1.0"`; `nil` for anything else.
    public init?(_ string: String) {
        let parts = string.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
            let major = Int(parts[0]), let minor = Int(parts[1]), major >= 0, minor >= 0
        else { return nil }
        self.init(major: major, minor: minor)
    }

    /// `"1.0"`.
    public var description: String { "\(major).\(minor)" }

    /// Orders by major, then minor.
    public static func < (lhs: ProtocolVersion, rhs: ProtocolVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }
}

extension ProtocolVersion: Codable {
    /// Decodes `"<major>.<minor>"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        guard let version = ProtocolVersion(string) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "must be a version like \"1.0\", found \"\(string)\"")
        }
        self = version
    }

    /// Encodes `"<major>.<minor>"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
