import CXapian
import Glibc

/// The single writer of a Xapian database; not Sendable. Holds the database's write lock.
public final class WritableXapianDatabase {
    /// How to open the database.
    public struct OpenOptions: OptionSet, Sendable {
        public let rawValue: Int32

        /// Creates options from `CXAPIAN_OPEN_*` bits.
        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        /// Create the database if it does not exist (otherwise it must exist).
        public static let createOrOpen = OpenOptions(rawValue: Int32(CXAPIAN_OPEN_CREATE_OR_OPEN))
        /// Wait for another writer to release the lock instead of failing with `.databaseLock`.
        public static let retryLock = OpenOptions(rawValue: Int32(CXAPIAN_OPEN_RETRY_LOCK))
        /// Skip fsync: faster fresh bulk builds, not crash-safe.
        public static let noSync = OpenOptions(rawValue: Int32(CXAPIAN_OPEN_NO_SYNC))
        /// fsync more thoroughly (F_FULLFSYNC where available).
        public static let fullSync = OpenOptions(rawValue: Int32(CXAPIAN_OPEN_FULL_SYNC))
    }

    private let handle: OpaquePointer

    /// Opens (by default creating) the database at `path`; `.databaseLock` if another writer holds it.
    ///
    /// A refused lock is tried again for a moment before it is reported. Xapian's lock is an
    /// open-file-description lock, and a child this process spawns holds a copy of its
    /// descriptor from the fork until the exec: a writer closed just as a child was spawned keeps
    /// the database locked for that instant, and no other writer need exist.
    public init(path: String, options: OpenOptions = [.createOrOpen]) throws(XapianError) {
        let path = try path.checkedPath()
        var pause = Self.firstPause
        while true {
            do {
                handle = try cxapianMake { error in cxapian_writable_open(path, options.rawValue, &error) }
                return
            } catch  where error.code == .databaseLock && pause <= Self.lastPause {
                usleep(pause)
                pause *= 2
            }
        }
    }

    /// The pauses before another try at a refused lock double from the first to the last; their
    /// sum bounds how long a child's fork-to-exec window may hold it.
    private static let firstPause: useconds_t = 1_000
    private static let lastPause: useconds_t = 64_000

    /// Frees the handle. Xapian then commits pending changes, or discards an open transaction.
    deinit {
        cxapian_writable_free(handle)
    }

    /// Commits pending changes (discarding an open transaction) and releases the write lock.
    public func close() throws(XapianError) {
        try cxapianCall { error in cxapian_writable_close(handle, &error) }
    }

    /// Starts a transaction; with `flushed` its changes become one commit of their own.
    public func beginTransaction(flushed: Bool = true) throws(XapianError) {
        try cxapianCall { error in
            cxapian_writable_begin_transaction(handle, flushed ? 1 : 0, &error)
        }
    }

    /// Ends the transaction, keeping its changes (committed at once if it was flushed).
    public func commitTransaction() throws(XapianError) {
        try cxapianCall { error in cxapian_writable_commit_transaction(handle, &error) }
    }

    /// Ends the transaction, discarding its changes.
    public func cancelTransaction() throws(XapianError) {
        try cxapianCall { error in cxapian_writable_cancel_transaction(handle, &error) }
    }

    /// Commits pending changes so that readers can see them after `reopen()`.
    public func commit() throws(XapianError) {
        try cxapianCall { error in cxapian_writable_commit(handle, &error) }
    }

    /// Adds `document` and returns its new document id.
    @discardableResult
    public func add(_ document: XapianDocument) throws(XapianError) -> UInt32 {
        var docid: UInt32 = 0
        try withExtendedLifetime(document) { () throws(XapianError) in
            try cxapianCall { error in
                cxapian_writable_add_document(handle, document.handle, &docid, &error)
            }
        }
        return docid
    }

    /// Replaces the documents indexed by `uniqueTerm` with `document` (adding it if there are none).
    @discardableResult
    public func replace(uniqueTerm: String, with document: XapianDocument) throws(XapianError)
        -> UInt32
    {
        var docid: UInt32 = 0
        try withExtendedLifetime(document) { () throws(XapianError) in
            try cxapianCall { error in
                uniqueTerm.withCBytes {
                    cxapian_writable_replace_document(
                        handle, $0, $1, document.handle, &docid, &error)
                }
            }
        }
        return docid
    }

    /// Deletes every document indexed by `term` (`.invalidArgument` for "", which means all).
    public func deleteDocuments(withTerm term: String) throws(XapianError) {
        try cxapianCall { error in
            term.withCBytes { cxapian_writable_delete_documents(handle, $0, $1, &error) }
        }
    }

    /// Stores `value` under `key` (an empty value removes the key).
    public func setMetadata(_ key: String, _ value: [UInt8]) throws(XapianError) {
        try cxapianCall { error in
            key.withCBytes { keyBytes, keyCount in
                value.withCBytes {
                    cxapian_writable_set_metadata(handle, keyBytes, keyCount, $0, $1, &error)
                }
            }
        }
    }

    /// Adds `word` to the spelling table, or raises its frequency.
    public func addSpelling(_ word: String, frequency: UInt32 = 1) throws(XapianError) {
        try cxapianCall { error in
            word.withCBytes { cxapian_writable_add_spelling(handle, $0, $1, frequency, &error) }
        }
    }

    /// Lowers the spelling frequency of `word`, removing it at 0.
    public func removeSpelling(_ word: String, frequency: UInt32 = 1) throws(XapianError) {
        try cxapianCall { error in
            word.withCBytes { cxapian_writable_remove_spelling(handle, $0, $1, frequency, &error) }
        }
    }

    /// Records `synonym` as a synonym of `key`.
    public func addSynonym(_ key: String, _ synonym: String) throws(XapianError) {
        try cxapianCall { error in
            key.withCBytes { keyBytes, keyCount in
                synonym.withCBytes {
                    cxapian_writable_add_synonym(handle, keyBytes, keyCount, $0, $1, &error)
                }
            }
        }
    }

    /// Removes every synonym of `key`.
    public func clearSynonyms(_ key: String) throws(XapianError) {
        try cxapianCall { error in
            key.withCBytes { cxapian_writable_clear_synonyms(handle, $0, $1, &error) }
        }
    }

    /// A read handle on this database that also sees uncommitted changes; it keeps this writer
    /// alive, cannot be closed on its own, and like the writer must stay on one thread.
    public func readView() -> XapianDatabase {
        // cxapian_writable_as_database returns NULL only for a NULL writer, which `handle` is not.
        guard let view = cxapian_writable_as_database(handle) else {
            preconditionFailure("cxapian_writable_as_database returned NULL for a live writer")
        }
        return XapianDatabase(view: view, owner: self)
    }
}
