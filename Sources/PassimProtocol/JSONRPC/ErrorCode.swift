/// A JSON-RPC error code: the standard ones, LSP's `RequestCancelled`, and Passim's own.
///
/// Passim's codes sit in JSON-RPC's "server error" range (-32000 to -32099), from -32010 up so
/// they do not collide with LSP's legacy -32001 (UnknownErrorCode) and -32002
/// (ServerNotInitialized) in clients built for LSP. Cancellation uses LSP's -32800 so editor
/// clients recognise it. Codes never change meaning; new ones take the next free value.
public struct ErrorCode: RawRepresentable, Codable, Hashable, Sendable {
    /// The integer on the wire.
    public var rawValue: Int

    /// Wraps any code, including ones this version does not know.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// The message is not valid JSON, or its framing (headers) is broken.
    public static let parseError = ErrorCode(rawValue: -32700)
    /// Valid JSON that is not a valid JSON-RPC 2.0 message (wrong `jsonrpc`, bad id, a batch).
    public static let invalidRequest = ErrorCode(rawValue: -32600)
    /// No such method.
    public static let methodNotFound = ErrorCode(rawValue: -32601)
    /// The method exists but its params are missing, of the wrong type, or out of range.
    public static let invalidParams = ErrorCode(rawValue: -32602)
    /// A bug or an unexpected failure in the server.
    public static let internalError = ErrorCode(rawValue: -32603)

    /// The search query does not parse; `data` is `{offset, expected}`.
    public static let querySyntax = ErrorCode(rawValue: -32010)
    /// The index cannot be opened or read (missing, corrupt, being replaced).
    public static let indexUnavailable = ErrorCode(rawValue: -32011)
    /// The message exceeds the size limit and was skipped unread; `data` is `{limit, size?}`.
    public static let requestTooLarge = ErrorCode(rawValue: -32012)
    /// The request ran past its `deadlineMs`; `data` is `{deadlineMs}`.
    public static let deadlineExceeded = ErrorCode(rawValue: -32013)
    /// Another ingest holds the index writer; try again when it finishes.
    public static let writerBusy = ErrorCode(rawValue: -32014)
    /// The passage or article does not exist (any more); `data` is `{kind, id}`.
    public static let notFound = ErrorCode(rawValue: -32015)
    /// The server is stopping and takes no new work.
    public static let serverShuttingDown = ErrorCode(rawValue: -32016)
    /// The client cancelled the request with `$/cancelRequest` (LSP's `RequestCancelled`).
    /// The daemon holds as many connections as its file descriptors allow; this one is closed.
    public static let tooManyConnections = ErrorCode(rawValue: -32017)
    public static let requestCancelled = ErrorCode(rawValue: -32800)

    /// Every code Passim sends, in the order PROTOCOL.md lists them.
    public static let all: [ErrorCode] = [
        .parseError, .invalidRequest, .methodNotFound, .invalidParams, .internalError,
        .querySyntax, .indexUnavailable, .requestTooLarge, .deadlineExceeded, .writerBusy,
        .notFound, .serverShuttingDown, .tooManyConnections, .requestCancelled,
    ]

    /// The code's name as PROTOCOL.md spells it, e.g. `"invalidParams"`; `nil` for unknown codes.
    public var name: String? {
        switch self {
        case .parseError: return "parseError"
        case .invalidRequest: return "invalidRequest"
        case .methodNotFound: return "methodNotFound"
        case .invalidParams: return "invalidParams"
        case .internalError: return "internalError"
        case .querySyntax: return "querySyntax"
        case .indexUnavailable: return "indexUnavailable"
        case .requestTooLarge: return "requestTooLarge"
        case .deadlineExceeded: return "deadlineExceeded"
        case .writerBusy: return "writerBusy"
        case .notFound: return "notFound"
        case .serverShuttingDown: return "serverShuttingDown"
        case .tooManyConnections: return "tooManyConnections"
        case .requestCancelled: return "requestCancelled"
        default: return nil
        }
    }

    /// Encodes the bare integer.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Decodes a bare integer.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        rawValue = try container.decode(Int.self)
    }
}
