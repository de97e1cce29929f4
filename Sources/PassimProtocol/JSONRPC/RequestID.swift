/// A JSON-RPC request id: an integer or a string, echoed unchanged in the response.
///
/// JSON-RPC 2.0 also allows `null` and fractional numbers; Passim refuses both (a null id cannot
/// be told apart from the id of an unparseable message, and a fractional id does not survive a
/// round trip through every JSON library).
public enum RequestID: Sendable, Hashable {
    case number(Int)
    case string(String)
}

/// The token a client chooses for `$/progress` notifications; the same int-or-string shape as
/// a request id (LSP's `ProgressToken`).
public typealias ProgressToken = RequestID

extension RequestID: Codable {
    /// Decodes an integer or a string; anything else is a `DecodingError.typeMismatch`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else {
            throw DecodingError.typeMismatch(
                RequestID.self,
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "must be an integer or a string"))
        }
    }

    /// Encodes the bare integer or string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let number): try container.encode(number)
        case .string(let string): try container.encode(string)
        }
    }
}

extension RequestID: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    /// `let id: RequestID = 7`
    public init(integerLiteral value: Int) {
        self = .number(value)
    }

    /// `let id: RequestID = "a7"`
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}

extension RequestID: CustomStringConvertible {
    /// The id as it appears in JSON: `7` or `"a7"`.
    public var description: String {
        switch self {
        case .number(let number): return String(number)
        case .string(let string): return "\"\(string)\""
        }
    }
}
