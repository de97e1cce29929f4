import PassimArticles

/// What one ingestion run did.
public struct IngestReport: Sendable, Hashable, Codable {
    /// A file that could not be ingested, and why.
    public struct Failure: Sendable, Hashable, Codable {
        public var path: String
        public var message: String

        public init(path: String, message: String) {
            self.path = path
            self.message = message
        }
    }

    /// A corpus root that was gone from where the index knew it and was ingested from a new
    /// place: its articles keep their ids and now come from there.
    public struct MovedRoot: Sendable, Hashable, Codable {
        public var from: String
        public var to: String

        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }

    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public var removed = 0
    public var failures: [Failure] = []
    /// Article ids added, updated or removed, for change notifications.
    public var changedArticles: [String] = []
    public var removedArticles: [String] = []
    /// Corpus roots found in a new place by this run.
    public var movedRoots: [MovedRoot] = []
    /// Files the scan passed over (not article files, READMEs, excluded by `.passimignore`).
    public var skipped: [SkippedFile] = []

    public init() {}

    public var failed: Int { failures.count }

    /// One line for people: `added 3, updated 1, unchanged 12, removed 0, failed 0`, then
    /// `, skipped 2` when files were passed over.
    public var summary: String {
        "added \(added), updated \(updated), unchanged \(unchanged), removed \(removed), failed \(failed)"
            + (skipped.isEmpty ? "" : ", skipped \(skipped.count)")
    }
}

/// Progress of an ingestion run, reported after each file.
public struct IngestProgress: Sendable, Hashable {
    public var done: Int
    public var total: Int
    public var path: String

    public init(done: Int, total: Int, path: String) {
        self.done = done
        self.total = total
        self.path = path
    }
}
