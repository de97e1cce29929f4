/// How the server keeps up with changes it does not make itself (`stats`, protocol 1.7).
public struct WatchInfo: Codable, Sendable, Hashable {
    /// How commits by other processes (`passim ingest`, a replication) are noticed.
    public var index: IndexWatch
    /// The corpus watcher; absent when it is off (`passim serve --no-watch`, or a system
    /// without inotify).
    public var corpus: CorpusWatch?

    /// Memberwise initializer.
    public init(index: IndexWatch, corpus: CorpusWatch? = nil) {
        self.index = index
        self.corpus = corpus
    }
}

/// How the server notices commits to its index.
public struct IndexWatch: Codable, Sendable, Hashable {
    /// `inotify`: the revision is read when the index's files change (and every `intervalMs`
    /// besides); `polling`: every `intervalMs`.
    public var mode: Mode
    /// Why the index is polled, for people: a network file system, remote shards, a replica,
    /// no inotify. Absent when it is watched.
    public var reason: String?
    /// Milliseconds between checks: the poll, or a watched index's recheck.
    public var intervalMs: Int

    /// How commits are noticed.
    public enum Mode: String, Codable, Sendable, Hashable {
        case inotify
        case polling
    }

    /// Memberwise initializer.
    public init(mode: Mode, reason: String? = nil, intervalMs: Int) {
        self.mode = mode
        self.reason = reason
        self.intervalMs = intervalMs
    }
}

/// What the corpus watcher watches.
public struct CorpusWatch: Codable, Sendable, Hashable {
    /// The corpus roots it follows.
    public var roots: Int
    /// The folders under them it has an inotify watch on.
    public var folders: Int

    /// Memberwise initializer.
    public init(roots: Int, folders: Int) {
        self.roots = roots
        self.folders = folders
    }
}
