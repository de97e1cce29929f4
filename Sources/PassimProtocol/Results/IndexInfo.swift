/// The index the server searches (`initialize`, `stats`).
public struct IndexInfo: Codable, Sendable, Hashable {
    /// Absolute path of the index directory.
    public var path: String
    /// Xapian's revision number; it grows with every committed change.
    public var revision: Int
    /// Articles in the index.
    public var articles: Int
    /// Passages in the index.
    public var passages: Int

    /// Memberwise initializer.
    public init(path: String, revision: Int, articles: Int, passages: Int) {
        self.path = path
        self.revision = revision
        self.articles = articles
        self.passages = passages
    }
}
