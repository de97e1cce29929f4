extension QueryNode: CustomStringConvertible {
    /// The canonical form: binary operators bare at the top and parenthesized when nested,
    /// sequences and NEAR groups always parenthesized, phrases in straight quotes.
    public var description: String {
        switch self {
        case .and(let nodes): nodes.map(\.nestedDescription).joined(separator: " AND ")
        case .or(let nodes): nodes.map(\.nestedDescription).joined(separator: " OR ")
        case .andNot(let base, let excluded):
            "\(base.nestedDescription) AND_NOT \(excluded.nestedDescription)"
        default: nestedDescription
        }
    }

    private var nestedDescription: String {
        switch self {
        case .word(let word): word.text
        case .prefix(let word): word.text + "*"
        case .phrase(let words): "\"" + words.map(\.text).joined(separator: " ") + "\""
        case .near(let words, let distance):
            "(" + words.map(\.text).joined(separator: " NEAR/\(distance) ") + ")"
        case .field(let field, let node): "\(field.rawValue):\(node.nestedDescription)"
        case .filter(let field, let value): "\(field.rawValue):\(Self.quotedIfNeeded(value))"
        case .sequence(let clauses):
            "(" + clauses.map { $0.prefixSymbol + $0.node.nestedDescription }.joined(separator: " ") + ")"
        case .and, .or, .andNot: "(" + description + ")"
        }
    }

    private static func quotedIfNeeded(_ value: String) -> String {
        let needsQuotes = value.unicodeScalars.contains {
            $0.properties.isWhitespace || QueryLexer.isDelimiter($0)
        }
        return needsQuotes ? "\"\(value)\"" : value
    }
}

extension QueryClause {
    fileprivate var prefixSymbol: String {
        switch occurrence {
        case .optional: ""
        case .required: "+"
        case .excluded: "-"
        }
    }
}
