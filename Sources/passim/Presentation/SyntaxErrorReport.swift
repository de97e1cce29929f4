import PassimQuery

/// A query syntax error for people: the message with a column, then the query with a caret.
public enum SyntaxErrorReport {
    /// ```
    /// passim: query syntax error at column 12: missing ')'; expected ')' to close the '(' at byte 0
    ///   (stem cells
    ///              ^
    /// ```
    public static func render(_ error: QuerySyntaxError, query: String) -> String {
        let column = column(of: error.offset, in: query)
        let folded = query.map { $0.isNewline || $0 == "\t" ? " " : String($0) }.joined()
        return "passim: query syntax error at column \(column): \(error.message); expected \(error.expected)\n"
            + "  \(folded)\n"
            + "  \(String(repeating: " ", count: column - 1))^\n"
    }

    /// The 1-based column, in characters, of UTF-8 byte `offset` of `query` (clamped to it).
    static func column(of offset: Int, in query: String) -> Int {
        let bytes = Array(query.utf8)
        return String(decoding: bytes[..<min(max(0, offset), bytes.count)], as: UTF8.self).count + 1
    }
}
