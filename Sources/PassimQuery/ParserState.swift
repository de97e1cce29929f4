/// The cursor and rules of one parse; see `QueryParser` for the grammar.
struct ParserState {
    /// Where an operand list begins, for error messages.
    enum Context {
        case query
        case group
        case field(TextField)
    }

    private let tokens: [QueryToken]
    private let end: Int
    private let maximumDepth: Int
    private var index = 0
    private var depth = 0

    init(tokens: [QueryToken], end: Int, maximumDepth: Int) {
        self.tokens = tokens
        self.end = end
        self.maximumDepth = maximumDepth
    }

    var peek: QueryToken? { index < tokens.count ? tokens[index] : nil }

    private mutating func advance() -> QueryToken? {
        defer { index += 1 }
        return peek
    }

    private mutating func take(_ kind: QueryToken.Kind) -> QueryToken? {
        guard let token = peek, token.kind == kind else { return nil }
        index += 1
        return token
    }

    mutating func parseOr(context: Context) throws(QuerySyntaxError) -> QueryNode {
        var nodes = [try parseAnd(context: context, after: nil)]
        while let op = take(.or) {
            nodes.append(try parseAnd(context: context, after: op))
        }
        return nodes.count == 1 ? nodes[0] : .or(nodes)
    }

    private mutating func parseAnd(context: Context, after op: QueryToken?) throws(QuerySyntaxError)
        -> QueryNode
    {
        var nodes = [try parseNot(context: context, after: op)]
        while let op = take(.and) {
            nodes.append(try parseNot(context: context, after: op))
        }
        return nodes.count == 1 ? nodes[0] : .and(nodes)
    }

    private mutating func parseNot(context: Context, after op: QueryToken?) throws(QuerySyntaxError)
        -> QueryNode
    {
        var node = try parseSequence(context: context, after: op)
        while let op = take(.not) {
            node = .andNot(node, try parseSequence(context: context, after: op))
        }
        return node
    }

    private mutating func parseSequence(context: Context, after op: QueryToken?) throws(QuerySyntaxError)
        -> QueryNode
    {
        var clauses: [QueryClause] = []
        while let token = peek, token.startsOperand {
            clauses.append(try parseUnary(context: context))
        }
        guard !clauses.isEmpty else { throw missingOperand(context: context, after: op) }
        if clauses.count == 1, clauses[0].occurrence == .optional { return clauses[0].node }
        return .sequence(clauses)
    }

    private mutating func parseUnary(context: Context) throws(QuerySyntaxError) -> QueryClause {
        if let sign = take(.plus) ?? take(.minus) {
            guard let next = peek, next.startsOperand, next.kind != .plus, next.kind != .minus else {
                preconditionFailure("the lexer emits a sign only directly before an operand")
            }
            return QueryClause(sign.kind == .plus ? .required : .excluded, try parsePrimary(context: context))
        }
        return QueryClause(.optional, try parsePrimary(context: context))
    }

    private mutating func parsePrimary(context: Context) throws(QuerySyntaxError) -> QueryNode {
        guard let token = advance() else { preconditionFailure("parsePrimary called at the end") }
        switch token.kind {
        case .word(let text):
            return try parseNear(first: QueryWord(text, range: token.range))
        case .prefix(let text):
            return .prefix(
                QueryWord(text, range: token.range.lowerBound..<(token.range.lowerBound + text.utf8.count)))
        case .phrase(let words, _):
            guard !words.isEmpty else {
                throw QuerySyntaxError(
                    .emptyPhrase, offset: token.range.lowerBound, message: "empty phrase",
                    expected: "words between the quotes")
            }
            return .phrase(words)
        case .openParenthesis:
            return try parseGroup(open: token, context: context)
        case .field(let field):
            if case .field(let outer) = context {
                throw QuerySyntaxError(
                    .nestedField, offset: token.range.lowerBound,
                    message: "'\(field.name):' inside '\(outer.rawValue):(...)'",
                    expected: "a query without field prefixes inside '\(outer.rawValue):(...)'")
            }
            return try parseField(field, token: token)
        case .value, .closeParenthesis, .plus, .minus, .and, .or, .not, .near:
            preconditionFailure("parsePrimary called on \(token.display), which starts no operand")
        }
    }

    private mutating func parseGroup(open: QueryToken, context: Context) throws(QuerySyntaxError) -> QueryNode {
        guard depth < maximumDepth else {
            throw QuerySyntaxError(
                .nestingTooDeep, offset: open.range.lowerBound,
                message: "parentheses nested more than \(maximumDepth) deep",
                expected: "at most \(maximumDepth) nested '('")
        }
        guard peek != nil else {
            throw QuerySyntaxError(
                .missingCloseParenthesis, offset: end, message: "missing ')'",
                expected: "a query and ')' after the '(' at byte \(open.range.lowerBound)")
        }
        if let close = take(.closeParenthesis) {
            throw QuerySyntaxError(
                .emptyGroup, offset: close.range.lowerBound, message: "empty parentheses",
                expected: "a query between '(' and ')'")
        }
        depth += 1
        let inner: Context = if case .field = context { context } else { .group }
        let node = try parseOr(context: inner)
        depth -= 1
        guard let token = peek else {
            throw QuerySyntaxError(
                .missingCloseParenthesis, offset: end, message: "missing ')'",
                expected: "')' to close the '(' at byte \(open.range.lowerBound)")
        }
        guard token.kind == .closeParenthesis else { throw unexpected(token) }
        index += 1
        return node
    }

    private mutating func parseNear(first: QueryWord) throws(QuerySyntaxError) -> QueryNode {
        var words = [first]
        var distance = 0
        while let token = peek, case .near(let n) = token.kind {
            index += 1
            guard let next = peek, case .word(let text) = next.kind else {
                throw QuerySyntaxError(
                    .missingOperand, offset: peek?.range.lowerBound ?? end,
                    message: peek.map { "\($0.display) after \(token.display)" }
                        ?? "nothing after \(token.display)",
                    expected: "a plain word after \(token.display)")
            }
            index += 1
            words.append(QueryWord(text, range: next.range))
            distance = max(distance, n)
        }
        return words.count == 1 ? .word(first) : .near(words, distance: distance)
    }

    private mutating func parseField(_ field: FieldName, token: QueryToken) throws(QuerySyntaxError)
        -> QueryNode
    {
        let valueStart = token.range.upperBound
        let attached = peek.flatMap { $0.range.lowerBound == valueStart ? $0 : nil }
        switch field {
        case .text(let textField):
            // The lexer turns whatever is glued to `title:` into a word, phrase or '('.
            guard attached?.startsOperand == true else {
                throw QuerySyntaxError(
                    .missingFieldValue, offset: valueStart, message: "nothing after '\(field.name):'",
                    expected: "a word, phrase or '(' right after '\(field.name):'")
            }
            return .field(textField, try parsePrimary(context: .field(textField)))
        case .filter(let filterField):
            return .filter(filterField, try parseFilterValue(filterField, attached: attached, at: valueStart))
        }
    }

    private mutating func parseFilterValue(
        _ field: FilterField, attached: QueryToken?, at offset: Int
    ) throws(QuerySyntaxError) -> String {
        let what = field == .article ? "an article id" : "a domain such as nih.gov"
        let raw: String
        switch attached?.kind {
        case .value(let text): raw = text
        case .phrase(_, let content): raw = content
        default:
            throw QuerySyntaxError(
                .missingFieldValue, offset: offset, message: "nothing after '\(field.rawValue):'",
                expected: "\(what) right after '\(field.rawValue):'")
        }
        index += 1
        let trimmed = raw.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            throw QuerySyntaxError(
                .emptyFieldValue, offset: offset, message: "empty '\(field.rawValue):' value",
                expected: what)
        }
        guard field == .source else { return trimmed }
        guard let domain = SourceDomain.normalize(trimmed) else {
            throw QuerySyntaxError(
                .invalidFieldValue, offset: offset, message: "'\(trimmed)' is not a domain", expected: what)
        }
        return domain
    }

    private func missingOperand(context: Context, after op: QueryToken?) -> QuerySyntaxError {
        let next = peek
        if let op {
            let expected = "a word, phrase or '(' after \(op.display)"
            guard let next else {
                return QuerySyntaxError(
                    .missingOperand, offset: end, message: "query ends after \(op.display)",
                    expected: expected)
            }
            return QuerySyntaxError(
                .missingOperand, offset: next.range.lowerBound,
                message: "\(next.display) right after \(op.display)", expected: expected)
        }
        guard let next else { preconditionFailure("an operand list never starts at the end") }
        if next.kind == .closeParenthesis { return unexpected(next) }
        if case .near = next.kind { return unexpected(next) }
        let place =
            switch context {
            case .query: "the query"
            case .group: "a group"
            case .field(let field): "'\(field.rawValue):(...)'"
            }
        return QuerySyntaxError(
            .missingOperand, offset: next.range.lowerBound,
            message: "\(next.display) at the start of \(place)",
            expected: "a word, phrase or '(' before \(next.display)")
    }

    /// The error for a token that cannot follow what was parsed so far.
    func unexpected(_ token: QueryToken) -> QuerySyntaxError {
        switch token.kind {
        case .near:
            QuerySyntaxError(
                .misplacedNear, offset: token.range.lowerBound,
                message: "\(token.display) must follow a plain word",
                expected: "a plain word before \(token.display)")
        case .closeParenthesis:
            QuerySyntaxError(
                .unexpectedCloseParenthesis, offset: token.range.lowerBound, message: "unexpected ')'",
                expected: "a word, an operator or the end of the query (this ')' has no '(')")
        default:
            QuerySyntaxError(
                .missingOperand, offset: token.range.lowerBound, message: "unexpected \(token.display)",
                expected: "a word, phrase or '('")
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
