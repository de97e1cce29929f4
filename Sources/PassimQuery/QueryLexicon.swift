import PassimXapian

/// What the index tells the query compiler about its vocabulary.
///
/// Keys and values are normalized the way the Analyzer normalizes tokens (NFKC_Casefold,
/// `'` apostrophes), one word or several joined by single spaces: `svf`,
/// `stromal vascular fraction`. The index implements it over Xapian's synonym table.
public protocol QueryLexicon {
    /// The synonyms recorded for `key`, or none; a value may itself be several words.
    func synonyms(of key: String) throws(XapianError) -> [String]
}

/// A lexicon that knows no synonyms, for indexes without synonym data.
public struct EmptyLexicon: QueryLexicon, Sendable {
    /// Creates the empty lexicon.
    public init() {}

    /// Always no synonyms.
    public func synonyms(of key: String) throws(XapianError) -> [String] { [] }
}
