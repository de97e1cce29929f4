import PassimQuery

/// A query syntax error for people: the message with a column, then the query with a caret.
public enum SyntaxErrorReport {
    /// ```
    /// passim: query syntax error at column 12: missing ')'; expected ')' to close the '(' at byte 0
    ///   (stem cells
    ///              ^
    /// ```
    public static func render(_ error: QuerySyntaxError, query: String) -> String {
        let bytes = Array(query.utf8)
        let offset = min(max(0, error.offset), bytes.count)
        let column = String(decoding: bytes[..<offset], as: UTF8.self).count + 1
        let folded = query.map { $0.isNewline || $0 == "\t" ? " " : String($0) }.joined()
        return "passim: query syntax error at column \(column): \(error.message); expected \(error.expected)\n"
            + "  \(folded)\n"
            + "  \(String(repeating: " ", count: column - 1))^\n"
    }
}
