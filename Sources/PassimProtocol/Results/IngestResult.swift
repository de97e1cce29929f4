/// The answer to `ingest`: what happened to each article, as `passim ingest` reports it.
/// Failures of single files do not fail the request; they are listed here.
public struct IngestResult: ResponseType {
    /// New articles.
    public var added: Int
    /// Articles whose content changed and were replaced.
    public var updated: Int
    /// Articles skipped because their content hash is the same.
    public var unchanged: Int
    /// Articles removed by `prune`.
    public var removed: Int
    /// Files that could not be ingested (see `failures`).
    public var failed: Int
    /// One entry per failed file, in the order they were met.
    public var failures: [IngestFailure]
    /// The index revision after the ingest committed.
    public var revision: Int
    /// Files the scan passed over, and why (protocol 1.2; absent when none).
    public var skipped: [IngestSkipped]?

    /// Memberwise initializer.
    public init(
        added: Int, updated: Int, unchanged: Int, removed: Int, failed: Int,
        failures: [IngestFailure], revision: Int, skipped: [IngestSkipped]? = nil
    ) {
        self.added = added
        self.updated = updated
        self.unchanged = unchanged
        self.removed = removed
        self.failed = failed
        self.failures = failures
        self.revision = revision
        self.skipped = skipped
    }
}

/// A file an ingest's scan passed over, and why.
public struct IngestSkipped: Codable, Sendable, Hashable {
    /// Why a file was not read.
    public enum Reason: String, Codable, Sendable, Hashable {
        /// Its extension is not one of an article file's (`.txt`, `.md`).
        case unsupportedType
        /// A `README.*` file.
        case readme
        /// A `.passimignore` pattern excludes it.
        case ignored
    }

    public var path: String
    public var reason: Reason

    /// Memberwise initializer.
    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }
}

/// A file that could not be ingested, and why.
public struct IngestFailure: Codable, Sendable, Hashable {
    /// The file's path (the `name` for inline text).
    public var path: String
    /// What went wrong and what to do, e.g. "not valid UTF-8 at byte 1042; convert the file".
    public var message: String

    /// Memberwise initializer.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}
