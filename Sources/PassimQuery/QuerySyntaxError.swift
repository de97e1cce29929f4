/// A query that cannot be parsed: where it went wrong and what would have been valid there.
public struct QuerySyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of mistake, stable across releases so clients can react to it.
    public enum Code: String, Sendable, Hashable, Codable {
        case emptyQuery
        case queryTooLong
        case nestingTooDeep
        case unterminatedPhrase
        case emptyPhrase
        case missingCloseParenthesis
        case unexpectedCloseParenthesis
        case emptyGroup
        case missingOperand
        case misplacedNear
        case invalidNearDistance
        case missingFieldValue
        case emptyFieldValue
        case invalidFieldValue
        case nestedField
        case missingWildcardPrefix
    }

    /// What went wrong.
    public let code: Code
    /// UTF-8 byte offset in the query where the problem was found.
    public let offset: Int
    /// A short statement of the problem, e.g. "unterminated phrase".
    public let message: String
    /// What the parser expected at `offset`, phrased for the user, e.g. "a closing '\"'".
    public let expected: String

    /// Creates an error; `offset` is a UTF-8 byte offset into the query.
    public init(_ code: Code, offset: Int, message: String, expected: String) {
        self.code = code
        self.offset = offset
        self.message = message
        self.expected = expected
    }

    public var description: String {
        "query syntax error at byte \(offset): \(message); expected \(expected)"
    }
}
