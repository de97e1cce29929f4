import PassimAnalysis

/// Which tokens of a passage to mark as hits for a query.
///
/// Built from the positive parts of the query only: words under `-`/`NOT` and filter values
/// never highlight. Terms carry no field prefix, so `title:graft` also marks `graft` in the
/// passage text. Phrase and NEAR words are marked wherever they occur, not only inside a match.
public struct HighlightPlan: Sendable, Hashable {
    /// Normalized terms matched exactly (phrase, NEAR and bare words, synonyms).
    public private(set) var terms: Set<String>
    /// Stems of query words (bare, phrase and NEAR words, synonyms), matched against the stem
    /// of a passage's `.word` token: the index matched them through their stems.
    public private(set) var stems: Set<String>
    /// Normalized wildcard prefixes (`graft*` -> `graft`), matched as UTF-8 byte prefixes.
    public private(set) var prefixes: Set<String>
    /// CJK bigrams, matched against the passage's `.bigram` tokens.
    public private(set) var bigrams: Set<String>

    /// Creates a plan from its parts.
    public init(
        terms: Set<String> = [], stems: Set<String> = [], prefixes: Set<String> = [],
        bigrams: Set<String> = []
    ) {
        self.terms = terms
        self.stems = stems
        self.prefixes = prefixes
        self.bigrams = bigrams
    }

    /// True when nothing would be highlighted.
    public var isEmpty: Bool {
        terms.isEmpty && stems.isEmpty && prefixes.isEmpty && bigrams.isEmpty
    }

    /// Whether a passage token is a hit; `stem` is the Analyzer's stem of a `.word` token's
    /// term (nil for other kinds).
    public func matches(token: Token, stem: String?) -> Bool {
        if token.kind == .bigram {
            return bigrams.contains(token.term)
        }
        if terms.contains(token.term) {
            return true
        }
        if let stem, stems.contains(stem) {
            return true
        }
        return prefixes.contains { token.term.utf8.starts(with: $0.utf8) }
    }

    mutating func add(term: String) { terms.insert(term) }
    mutating func add(stem: String) { stems.insert(stem) }
    mutating func add(prefix: String) { prefixes.insert(prefix) }
    mutating func add(bigram: String) { bigrams.insert(bigram) }
}
