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
    /// The folders and files the index was built from (protocol 1.2); absent from older servers.
    public var roots: [IndexRoot]?

    /// Memberwise initializer.
    public init(path: String, revision: Int, articles: Int, passages: Int, roots: [IndexRoot]? = nil) {
        self.path = path
        self.revision = revision
        self.articles = articles
        self.passages = passages
        self.roots = roots
    }
}

/// A folder or file an index was built from: its articles' ids start with `label` and a `/`
/// (no prefix when the label is empty: the `corpus/` folder beside the index).
public struct IndexRoot: Codable, Sendable, Hashable {
    /// Absolute path, links resolved.
    public var path: String
    /// What its articles' ids start with; empty for the home corpus.
    public var label: String
    /// `folder`, or `file` for a file ingested on its own.
    public var kind: Kind

    /// What a root is.
    public enum Kind: String, Codable, Sendable, Hashable {
        case folder
        case file
    }

    /// Memberwise initializer.
    public init(path: String, label: String, kind: Kind) {
        self.path = path
        self.label = label
        self.kind = kind
    }
}
