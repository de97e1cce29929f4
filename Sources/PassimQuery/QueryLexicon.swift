import PassimXapian

/// What the index tells the query compiler about its vocabulary.
///
/// Keys and values are normalized the way the Analyzer normalizes tokens (NFKC_Casefold,
/// `'` apostrophes), one word or several joined by single spaces: `svf`,
/// `stromal vascular fraction`. The index implements it over Xapian's synonym and spelling
/// tables (`DatabaseLexicon`).
public protocol QueryLexicon {
    /// The synonyms recorded for `key`, or none; a value may itself be several words.
    func synonyms(of key: String) throws(XapianError) -> [String]
    /// The `limit` most frequent indexed words that start with `prefix` (for wildcards).
    func words(startingWith prefix: String, limit: Int) throws(XapianError) -> [String]
}

/// A lexicon that knows no synonyms, for indexes without synonym data.
public struct EmptyLexicon: QueryLexicon, Sendable {
    /// Creates the empty lexicon.
    public init() {}

    /// Always no synonyms.
    public func synonyms(of key: String) throws(XapianError) -> [String] { [] }

    /// Always no words.
    public func words(startingWith prefix: String, limit: Int) throws(XapianError) -> [String] { [] }
}

/// The vocabulary of an index: its synonym table, and its spelling table as the list of the
/// words it holds (every word of three or more bytes, with the number of passages using it).
public struct DatabaseLexicon: QueryLexicon {
    let database: XapianDatabase

    /// A lexicon over `database`'s synonym and spelling tables.
    public init(database: XapianDatabase) {
        self.database = database
    }

    /// The synonyms the synonym table holds for `key`.
    public func synonyms(of key: String) throws(XapianError) -> [String] {
        try database.synonyms(key)
    }

    /// The `limit` most frequent words of the spelling table that start with `prefix`.
    public func words(startingWith prefix: String, limit: Int) throws(XapianError) -> [String] {
        guard limit > 0 else { return [] }
        let words = try database.spellingWords(prefix: prefix)
        guard words.count > limit else { return words.map(\.word) }
        // Most frequent first; equal frequencies in byte order, so expansions are deterministic.
        return words.enumerated()
            .sorted { ($0.element.frequency, $1.offset) > ($1.element.frequency, $0.offset) }
            .prefix(limit).map(\.element.word)
    }
}
