/// A word as the user typed it, with its UTF-8 byte range in the query string.
public struct QueryWord: Sendable, Hashable {
    /// The text exactly as typed (not normalized; the compiler runs it through the Analyzer).
    public var text: String
    /// UTF-8 byte range of `text` in the query.
    public var range: Range<Int>

    /// Creates a word; `range` is a UTF-8 byte range in the query.
    public init(_ text: String, range: Range<Int>) {
        self.text = text
        self.range = range
    }
}

/// A text field a query part can be restricted to (`title:`, `section:`).
public enum TextField: String, Sendable, Hashable, CaseIterable {
    case title
    case section
}

/// A boolean field used as an unscored filter (`article:`, `source:`).
public enum FilterField: String, Sendable, Hashable, CaseIterable {
    case article
    case source
}

/// How a clause of an implicit sequence takes part in the match.
public enum Occurrence: Sendable, Hashable {
    /// A plain item: ranked, not required.
    case optional
    /// `+item`: every match must contain it.
    case required
    /// `-item`: no match may contain it.
    case excluded
}

/// One item of an implicit sequence (`stem +cells -acne`).
public struct QueryClause: Sendable, Hashable {
    public var occurrence: Occurrence
    public var node: QueryNode

    /// Creates a clause.
    public init(_ occurrence: Occurrence, _ node: QueryNode) {
        self.occurrence = occurrence
        self.node = node
    }
}

/// The parsed query: what the user asked for, before analysis.
///
/// `description` is the canonical form used by the golden tests, e.g. `(stem cell) AND_NOT acne`.
public indirect enum QueryNode: Sendable, Hashable {
    /// A bare word: ranked, may expand to synonyms.
    case word(QueryWord)
    /// `"exact phrase"`: the words in order, adjacent.
    case phrase([QueryWord])
    /// `a NEAR/n b NEAR/n c`: all words within `distance` words of each other.
    case near([QueryWord], distance: Int)
    /// `prefix*`: any term starting with the word.
    case prefix(QueryWord)
    /// `title:...` / `section:...`: the inner query matched against that field only.
    case field(TextField, QueryNode)
    /// `article:id` / `source:domain`: an unscored filter; `source` values are normalized domains.
    case filter(FilterField, String)
    /// Juxtaposed items: required ones must match, excluded ones must not, optional ones rank.
    case sequence([QueryClause])
    /// `a AND b AND c`.
    case and([QueryNode])
    /// `a OR b OR c`.
    case or([QueryNode])
    /// `a NOT b`: matches of `a` that do not match `b`.
    case andNot(QueryNode, QueryNode)
}
