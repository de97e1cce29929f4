import PassimAnalysis
import PassimXapian

/// One part of a query whose weights add up to a passage's score: what `--explain` reports.
///
/// A compiled query's score is the sum of its items' weights, each item weighed by Xapian on
/// its own: the ranked words and groups of the root sequence, and every "words together" bonus.
/// Excluded items and filters weigh nothing and are not items.
public struct ScoreItem {
    /// What an item is.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A bare word (with its synonyms, if the lexicon has some).
        case word
        /// A run of words the lexicon knows as an acronym's long form, or the acronym.
        case synonym
        /// A quoted phrase.
        case phrase
        /// A NEAR group.
        case near
        /// A `prefix*` wildcard.
        case wildcard
        /// Any other part: a field, a parenthesized or boolean group, the whole query.
        case group
        /// The bonus for words typed side by side that a passage holds side by side.
        case wordsTogether
    }

    public let kind: Kind
    /// The item as the query says it (`+collagen`, `"growth factor"`, `stem cells`).
    public let text: String
    /// The query Xapian weighs for this item.
    public let query: XapianQuery
    /// Synonyms searched with the item (an acronym's long form, or the acronym).
    public let synonyms: [String]
    /// The item's one word, for a single word of the body: its terms in each field tell where
    /// it matched (worked out only when a search is explained, not for every query).
    public let word: Token?

    init(kind: Kind, text: String, query: XapianQuery, synonyms: [String] = [], word: Token? = nil) {
        self.kind = kind
        self.text = text
        self.query = query
        self.synonyms = synonyms
        self.word = word
    }
}

extension ScoreItem.Kind {
    /// The kind of item a query node is.
    init(_ node: QueryNode) {
        switch node {
        case .word: self = .word
        case .phrase: self = .phrase
        case .near: self = .near
        case .prefix: self = .wildcard
        case .field, .filter, .sequence, .and, .or, .andNot: self = .group
        }
    }
}
