/// A field prefix as written before the colon.
enum FieldName: Sendable, Hashable {
    case text(TextField)
    case filter(FilterField)

    init?(_ name: String) {
        if let field = TextField(rawValue: name) {
            self = .text(field)
        } else if let field = FilterField(rawValue: name) {
            self = .filter(field)
        } else {
            return nil
        }
    }

    var name: String {
        switch self {
        case .text(let field): field.rawValue
        case .filter(let field): field.rawValue
        }
    }
}

/// One lexical unit of a query, with its UTF-8 byte range.
struct QueryToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case word(String)
        /// `stem*`: the text before the trailing stars.
        case prefix(String)
        /// `"..."`: the whitespace-separated words and the raw text between the quotes.
        case phrase([QueryWord], content: String)
        /// The raw value after `article:` or `source:`.
        case value(String)
        /// `title:` and friends, including the colon.
        case field(FieldName)
        case openParenthesis
        case closeParenthesis
        case plus
        case minus
        case and
        case or
        case not
        case near(Int)
    }

    var kind: Kind
    var range: Range<Int>

    /// How the token reads in an error message.
    var display: String {
        switch kind {
        case .word(let text), .value(let text): "'\(text)'"
        case .prefix(let text): "'\(text)*'"
        case .phrase: "a phrase"
        case .field(let field): "'\(field.name):'"
        case .openParenthesis: "'('"
        case .closeParenthesis: "')'"
        case .plus: "'+'"
        case .minus: "'-'"
        case .and: "AND"
        case .or: "OR"
        case .not: "NOT"
        case .near(let distance): "NEAR/\(distance)"
        }
    }

    /// Whether the token can begin an operand (a word, phrase, group, field or sign).
    var startsOperand: Bool {
        switch kind {
        case .word, .prefix, .phrase, .field, .openParenthesis, .plus, .minus: true
        case .value, .closeParenthesis, .and, .or, .not, .near: false
        }
    }
}
