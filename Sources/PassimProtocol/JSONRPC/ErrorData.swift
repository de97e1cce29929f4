/// `data` of a `querySyntax` error.
public struct QuerySyntaxErrorData: Codable, Sendable, Hashable {
    /// Where the parser stopped, as an offset into the query in the connection's position
    /// encoding (UTF-8 bytes by default).
    public var offset: Int
    /// What the parser would have accepted there, e.g. `["a word", "\")\""]`.
    public var expected: [String]

    /// Memberwise initializer.
    public init(offset: Int, expected: [String]) {
        self.offset = offset
        self.expected = expected
    }
}

/// `data` of a `requestTooLarge` error.
public struct RequestTooLargeErrorData: Codable, Sendable, Hashable {
    /// The server's maximum message size in bytes.
    public var limit: Int
    /// The message's size when known: the `Content-Length`, or a line that arrived whole;
    /// absent when a line was refused while still arriving.
    public var size: Int?

    /// Memberwise initializer.
    public init(limit: Int, size: Int?) {
        self.limit = limit
        self.size = size
    }
}

/// `data` of a `notFound` error.
public struct NotFoundErrorData: Codable, Sendable, Hashable {
    /// What was looked up.
    public enum Kind: String, Codable, Sendable, Hashable {
        case passage, article
    }

    /// Whether a passage or an article was looked up.
    public var kind: Kind
    /// The id that was not found.
    public var id: String

    /// Memberwise initializer.
    public init(kind: Kind, id: String) {
        self.kind = kind
        self.id = id
    }
}

/// `data` of a `deadlineExceeded` error.
public struct DeadlineExceededErrorData: Codable, Sendable, Hashable {
    /// The deadline the request carried.
    public var deadlineMs: Int

    /// Memberwise initializer.
    public init(deadlineMs: Int) {
        self.deadlineMs = deadlineMs
    }
}
