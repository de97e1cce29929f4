/// Parses the Passim query language into a `QueryNode` (recursive descent).
///
/// Grammar (operators upper case only; precedence NOT > AND > OR):
///
///     orExpr   := andExpr ("OR" andExpr)*
///     andExpr  := notExpr ("AND" notExpr)*
///     notExpr  := sequence ("NOT" sequence)*
///     sequence := unary+
///     unary    := ("+" | "-")? primary
///     primary  := "(" orExpr ")" | '"' words '"' | field ":" value
///               | word ("NEAR/" n word)* | word "*"
///
/// Decisions: operators only in upper case and where an item starts (`and`, `-AND`, `NEAR`
/// without `/n` are words); `+`/`-` only at the start of an item and glued to it (`cell-derived`,
/// a lone `-` are text); `“ ” „ ＂` work as `"`; fields are `title:`, `section:`, `article:`,
/// `source:` in lower case with the value glued to the colon (`note:x`, `Title:x` are text);
/// `article:`/`source:` take a word or a quoted value, `source:` values are normalized by
/// `SourceDomain`; fields do not nest; a NEAR chain uses its largest distance (1...1000); an
/// empty or blank query is an error.
public struct QueryParser: Sendable {
    /// Longest accepted query in UTF-8 bytes; longer input is rejected, not truncated.
    public var maximumLength: Int
    /// Deepest accepted nesting of parentheses, so hostile input cannot exhaust the stack.
    public var maximumDepth: Int

    /// Creates a parser with the given limits.
    public init(maximumLength: Int = 4096, maximumDepth: Int = 64) {
        self.maximumLength = maximumLength
        self.maximumDepth = maximumDepth
    }

    /// Parses `query`, or throws the first syntax error with its byte offset.
    public func parse(_ query: String) throws(QuerySyntaxError) -> ParsedQuery {
        let length = query.utf8.count
        guard length <= maximumLength else {
            throw QuerySyntaxError(
                .queryTooLong, offset: maximumLength, message: "query is too long (\(length) bytes)",
                expected: "at most \(maximumLength) bytes")
        }
        var lexer = QueryLexer(query)
        let tokens = try lexer.tokenize()
        guard !tokens.isEmpty else {
            throw QuerySyntaxError(
                .emptyQuery, offset: 0, message: "empty query", expected: "a word, phrase or '('")
        }
        var state = ParserState(tokens: tokens, end: length, maximumDepth: maximumDepth)
        let root = try state.parseOr(context: .query)
        if let token = state.peek {
            throw state.unexpected(token)
        }
        return ParsedQuery(text: query, root: root)
    }
}
