/// The index as one searcher sees it: where it is, its revision and its counts.
public struct IndexSummary: Sendable, Hashable {
    /// Absolute path of the index directory.
    public var path: String
    /// Xapian's revision number; it grows with every commit.
    public var revision: UInt64
    /// Articles in the index.
    public var articles: Int
    /// Passages in the index.
    public var passages: Int
    /// The folders and files the index was built from.
    public var roots: [CorpusRoot]

    /// Memberwise initializer.
    public init(path: String, revision: UInt64, articles: Int, passages: Int, roots: [CorpusRoot]) {
        self.path = path
        self.revision = revision
        self.articles = articles
        self.passages = passages
        self.roots = roots
    }
}
