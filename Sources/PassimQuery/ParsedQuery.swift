/// A word of the query that spelling correction may replace, with its place in the query.
public struct PlainWord: Sendable, Hashable {
    /// The word as typed, with its UTF-8 byte range in the query.
    public var word: QueryWord
    /// True when the word only says what must NOT match (`-word`, `NOT word`).
    public var isExcluded: Bool

    /// Creates a plain word.
    public init(_ word: QueryWord, isExcluded: Bool) {
        self.word = word
        self.isExcluded = isExcluded
    }
}

/// The result of parsing: the query text and its syntax tree.
public struct ParsedQuery: Sendable, Hashable {
    /// The query as given to the parser.
    public let text: String
    /// The syntax tree.
    public let root: QueryNode

    /// Creates a parsed query; normally made by `QueryParser`.
    public init(text: String, root: QueryNode) {
        self.text = text
        self.root = root
    }

    /// The words a user typed as text (bare, in phrases, NEAR groups and text fields), in query
    /// order; wildcard prefixes, field names, filter values and operators are not words.
    public var plainWords: [PlainWord] {
        var words: [PlainWord] = []
        Self.collect(root, excluded: false, into: &words)
        return words.sorted { $0.word.range.lowerBound < $1.word.range.lowerBound }
    }

    /// The query text with the given UTF-8 byte ranges replaced (e.g. by spelling corrections).
    ///
    /// Ranges must come from this query and must not overlap.
    public func replacing(_ replacements: [(range: Range<Int>, text: String)]) -> String {
        var bytes = Array(text.utf8)
        for replacement in replacements.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            precondition(replacement.range.upperBound <= bytes.count, "replacement range outside the query")
            bytes.replaceSubrange(replacement.range, with: Array(replacement.text.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func collect(_ node: QueryNode, excluded: Bool, into words: inout [PlainWord]) {
        switch node {
        case .word(let word):
            words.append(PlainWord(word, isExcluded: excluded))
        case .phrase(let list), .near(let list, _):
            words += list.map { PlainWord($0, isExcluded: excluded) }
        case .prefix, .filter:
            break
        case .field(_, let inner):
            collect(inner, excluded: excluded, into: &words)
        case .sequence(let clauses):
            for clause in clauses {
                collect(clause.node, excluded: excluded || clause.occurrence == .excluded, into: &words)
            }
        case .and(let nodes), .or(let nodes):
            for inner in nodes { collect(inner, excluded: excluded, into: &words) }
        case .andNot(let base, let removed):
            collect(base, excluded: excluded, into: &words)
            collect(removed, excluded: true, into: &words)
        }
    }
}
