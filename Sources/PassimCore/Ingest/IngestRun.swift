import PassimArticles

/// One article a source offers to an ingest: its id, where it is, its fingerprint, and how to
/// build it (parse a file, gather JSON lines), which happens only when the index does not
/// already hold it unchanged.
struct ArticleCandidate {
    var id: String
    /// The path the index records for the article (absolute for files).
    var path: String
    /// The path as the user gave or will recognise it, for messages.
    var displayPath: String
    var contentHash: String
    /// Builds the article; an `ArticleError` is that article's own failure.
    var build: () throws -> Article
}

/// What every ingest does whatever its articles come from (article files, JSON Lines, an
/// editor's buffer): the unchanged check, replacing, counting, batching, stopping, and rolling
/// back on an index failure. Sources turn their input into `ArticleCandidate`s and `offer`
/// them; they keep only what is theirs (scanning, reading, parsing, progress).
final class IngestRun {
    private let writer: IndexWriter
    private let options: Ingestor.Options
    private(set) var report = IngestReport()
    private var inBatch = 0

    init(writer: IndexWriter, options: Ingestor.Options) {
        self.writer = writer
        self.options = options
    }

    /// Whether the caller asked the run to stop (the daemon's `$/cancelRequest`).
    var shouldStop: Bool { options.shouldStop?() == true }

    /// Runs `feed`, which offers the source's articles, then commits. A brand-new index is
    /// built on every core and appears whole when the writer closes (`freshBuild`); an index
    /// failure stops the run with the current batch rolled back, and any other error is
    /// `otherFailure`'s.
    func run(
        freshBuild: Bool = true, otherFailure: (any Error) -> IndexError, _ feed: (IngestRun) throws -> Void
    ) throws(IndexError) -> IngestReport {
        do {
            if freshBuild { try writer.beginFreshBuild() }
            try feed(self)
            try writer.commitBatch()
        } catch let error as IndexError {
            try? writer.cancelBatch()
            throw error
        } catch {
            try? writer.cancelBatch()
            throw otherFailure(error)
        }
        return report
    }

    /// Writes `candidate` unless the index holds it unchanged (same fingerprint, same path),
    /// committing every `batchSize` articles. Returns true if the index changed. An article's
    /// own problem (`ArticleError`) is thrown for the source to report with its path.
    @discardableResult
    func offer(_ candidate: ArticleCandidate) throws -> Bool {
        if let problem = IndexMetadata.idProblem(candidate.id, path: candidate.displayPath) { throw problem }
        let previous = try writer.record(of: candidate.id)
        if let previous, previous.path == candidate.path, previous.contentHash == candidate.contentHash {
            report.unchanged += 1
            return false
        }
        let article = try candidate.build()
        try writer.replace(article)
        if previous == nil { report.added += 1 } else { report.updated += 1 }
        report.changedArticles.append(article.id)
        inBatch += 1
        if inBatch >= options.batchSize {
            try writer.commitBatch()
            inBatch = 0
        }
        return true
    }

    /// Counts article `id` as unchanged without reading its file when the index holds it from
    /// `path` with the file's current size and modification time, the size within `maxBytes`
    /// (as `make` and `rsync` judge a file). True when it did; false: read the file and `offer` it.
    func skipIfUnchanged(id: String, path: String, maxBytes: Int) throws(IndexError) -> Bool {
        guard let record = try writer.record(of: id), record.path == path, record.modified != 0,
            record.byteCount <= maxBytes, Freshness.looksUnchanged(record)
        else { return false }
        report.unchanged += 1
        return true
    }

    /// Records that the file or line at `path` could not be ingested, and why.
    func fail(path: String, message: String) {
        report.failures.append(.init(path: path, message: message))
    }

    /// Records the files a scan passed over.
    func noteSkipped(_ files: [SkippedFile]) {
        report.skipped += files
    }

    /// Records that the corpus root at `old` is gone and was found again at `new`.
    func noteMovedRoot(from old: String, to new: String) {
        report.movedRoots.append(.init(from: old, to: new))
    }

    /// Removes article `id` (its file is gone).
    func remove(_ id: String) throws(IndexError) {
        try writer.remove(articleID: id)
        report.removed += 1
        report.removedArticles.append(id)
    }
}
