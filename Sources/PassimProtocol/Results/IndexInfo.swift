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
    /// A sharded index's shards in routing order (protocol 1.6); absent for an index of one
    /// database. `revision` is then the catalog's.
    public var shards: [ShardInfo]?

    /// Memberwise initializer.
    public init(
        path: String, revision: Int, articles: Int, passages: Int, roots: [IndexRoot]? = nil,
        shards: [ShardInfo]? = nil
    ) {
        self.path = path
        self.revision = revision
        self.articles = articles
        self.passages = passages
        self.roots = roots
        self.shards = shards
    }
}

/// One shard of a sharded index, as the server last saw it (protocol 1.6).
public struct ShardInfo: Codable, Sendable, Hashable {
    /// Where it is, as the index's shard list says: a folder, or `remote HOST:PORT`.
    public var location: String
    /// `ok`, or `unreachable` when the shard could not be read.
    public var state: State
    /// Passages in the shard; absent when unreachable.
    public var passages: Int?
    /// The shard's revision; absent for a remote shard (Xapian's remote backend does not
    /// serve it) and when unreachable.
    public var revision: Int?
    /// Why the shard could not be read; absent when it could.
    public var problem: String?

    /// Whether a shard answers.
    public enum State: String, Codable, Sendable, Hashable {
        case ok
        case unreachable
    }

    /// Memberwise initializer.
    public init(location: String, state: State, passages: Int? = nil, revision: Int? = nil, problem: String? = nil) {
        self.location = location
        self.state = state
        self.passages = passages
        self.revision = revision
        self.problem = problem
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
