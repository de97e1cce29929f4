/// What changed under the corpus roots since the last ingest the watcher ran: files and folders
/// to read again, and paths that are gone. Later events about a path override earlier ones, so
/// an editor's atomic save (a temporary file renamed over the article) is one change.
struct CorpusChanges: Sendable, Hashable {
    /// Files and folders to ingest (they exist, or existed when the event came).
    private(set) var changed: Set<String> = []
    /// Files and folders that were deleted or moved away.
    private(set) var gone: Set<String> = []
    /// The kernel dropped events (its queue overflowed), or the watcher just started: every
    /// root must be compared with the index.
    var rescan = false

    var isEmpty: Bool { changed.isEmpty && gone.isEmpty && !rescan }

    mutating func change(_ path: String) {
        gone.remove(path)
        changed.insert(path)
    }

    mutating func remove(_ path: String) {
        changed.remove(path)
        // A folder that is gone takes what was noted inside it along.
        changed = changed.filter { !$0.hasPrefix(path + "/") }
        gone.insert(path)
    }

    /// Adds `other`'s changes after these (a batch that could not be written waits for the next).
    mutating func merge(_ other: CorpusChanges) {
        for path in other.gone.sorted() { remove(path) }
        for path in other.changed.sorted() { change(path) }
        rescan = rescan || other.rescan
    }
}
