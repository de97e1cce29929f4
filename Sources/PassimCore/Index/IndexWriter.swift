import Foundation
import PassimAnalysis
import PassimArticles
import PassimXapian

/// The single writer of an index: adds, replaces and removes whole articles atomically.
///
/// It holds the index's write lock (its Xapian writable database) and chooses, in this one
/// place, the `ArticleSink` the articles go through: a `TransactionalWriter` (each batch one
/// Xapian transaction, so a reader or a crash sees every article of a batch in its old or its
/// new version) or, for a brand-new index after ``beginFreshBuild()``, a `BulkBuilder` (the
/// articles written on every core and the whole index published when the writer closes).
/// Not thread safe.
public final class IndexWriter {
    public let layout: IndexLayout
    /// The database whose write lock is the index's: `db`, or a sharded index's catalog.
    private let database: WritableXapianDatabase
    /// Where updates go: a `TransactionalWriter`, or a `ShardedWriter` for a sharded index.
    private let updates: any ArticleSink
    /// Where articles go now: `updates`, or the bulk builder of a fresh build.
    private var sink: any ArticleSink
    private var closed = false

    /// Opens (creating if needed) the index for writing.
    ///
    /// - Parameters:
    ///   - wait: wait for another writer to release the lock instead of failing.
    ///   - shards: make a new index sharded, with this many shards; for an existing index it
    ///     must be the count the index was made with.
    public init(layout: IndexLayout, wait: Bool = false, shards: Int? = nil) throws(IndexError) {
        self.layout = layout
        do {
            try FileManager.default.createDirectory(atPath: layout.directory, withIntermediateDirectories: true)
        } catch {
            throw IndexError(
                .io, "cannot create the index directory \(layout.directory): \(error.localizedDescription)")
        }
        // Before Xapian's lock, which reports a folder it may not write as "locked by another
        // writer" (and `--wait` would then wait for nobody).
        if let problem = Self.unwritable(layout) { throw problem }
        let stub = try Self.shardStub(layout, shards: shards)
        var options: WritableXapianDatabase.OpenOptions = [.createOrOpen]
        if wait { options.insert(.retryLock) }
        let analyzer: Analyzer
        do {
            database =
                stub == nil
                ? try Self.open(layout, options: options)
                : try WritableXapianDatabase(path: ShardStub.catalogPath(of: layout), options: options)
            analyzer = try Analyzer()
        } catch let error as XapianError {
            throw IndexError.from(error, path: layout.directory)
        } catch {
            throw IndexError(.backend, "cannot start the analyzer: \(error)")
        }
        if let stub {
            updates = try ShardedWriter(layout: layout, catalog: database, stub: stub)
        } else {
            updates = try TransactionalWriter(
                layout: layout, database: database, builder: DocumentBuilder(analyzer: analyzer))
        }
        sink = updates
        // This writer holds the lock, so no fresh build is running: clear what a killed one left.
        try FreshBuild.removeStale(layout)
    }

    /// The shard list of a sharded index (made now, for a new index with `shards`), or nil for
    /// a single one. The shard count of an index is fixed when it is made: articles are found
    /// in the shard their id routes to among that many.
    private static func shardStub(_ layout: IndexLayout, shards: Int?) throws(IndexError) -> ShardStub? {
        if let shards, !(1...ShardStub.maximumShards).contains(shards) {
            throw IndexError(.shardLayout, "--shards must be between 1 and \(ShardStub.maximumShards), got \(shards)")
        }
        if layout.isSharded {
            let stub = try ShardStub.read(layout)
            if let shards, shards != stub.shards.count {
                throw IndexError(
                    .shardLayout,
                    "the index at \(layout.directory) has \(stub.shards.count) shards, not \(shards): the shard count "
                        + "is fixed when an index is made; to change it, ingest again into a new index (--index)")
            }
            return stub
        }
        guard let shards else { return nil }
        if layout.exists {
            throw IndexError(
                .shardLayout,
                "the index at \(layout.directory) is not sharded: --shards applies when an index is made; "
                    + "ingest again into a new index (--index) to shard it")
        }
        let stub = ShardStub.local(count: shards)
        do {
            for number in 0..<shards {
                try FileManager.default.createDirectory(atPath: layout.shard(number), withIntermediateDirectories: true)
            }
        } catch {
            throw IndexError(.io, "cannot create the shards of \(layout.directory): \(error.localizedDescription)")
        }
        // An empty `db/` left by a killed first ingest is where the stub goes.
        try? FileManager.default.removeItem(atPath: layout.database)
        try stub.write(to: layout)
        return stub
    }

    /// Why this user cannot write the index at `layout` (permissions, a read-only file system),
    /// or nil when it can.
    static func unwritable(_ layout: IndexLayout) -> IndexError? {
        let path = FileManager.default.fileExists(atPath: layout.database) ? layout.database : layout.directory
        guard access(path, W_OK) != 0 else { return nil }
        let reason = String(cString: strerror(errno))
        return IndexError(
            .readOnly,
            "the index at \(layout.directory) is not writable by you (\(reason)): ingest as the user who owns it, "
                + "or build an index of your own with --index")
    }

    /// Opens (or creates) the writable database. A `db/` without Xapian's version file is what
    /// a first ingest killed while Xapian created the database leaves: nothing was ever
    /// committed there, and Xapian refuses to open or create over it, so every later ingest
    /// failed with "no index". Its files are removed and the database created again. (A writer
    /// creating it at that moment holds the lock, and the first open would have said so.)
    private static func open(
        _ layout: IndexLayout, options: WritableXapianDatabase.OpenOptions
    ) throws(XapianError) -> WritableXapianDatabase {
        do {
            return try WritableXapianDatabase(path: layout.database, options: options)
        } catch {
            guard error.code == .databaseOpening || error.code == .databaseNotFound, !layout.exists,
                let names = try? FileManager.default.contentsOfDirectory(atPath: layout.database)
            else { throw error }
            for name in names where name != "flintlock" {
                try? FileManager.default.removeItem(atPath: layout.database + "/" + name)
            }
            return try WritableXapianDatabase(path: layout.database, options: options)
        }
    }

    deinit {
        if let bulk = sink as? BulkBuilder { try? bulk.cancel() }
        if !closed {
            updates.abandon()
            try? (updates as? ShardedWriter)?.close()
            try? database.close()
        }
    }

    /// Number of articles in the index, including uncommitted changes of this writer.
    public var articles: Int { sink.articles }

    /// Turns this writer into a fresh build if the index is brand new (never committed):
    /// articles are then written by one thread per core into blocks, batches commit nothing,
    /// and ``close()`` merges the blocks with Xapian's compactor and publishes the whole index
    /// at once. Until then readers see the empty index; a crash or ``cancelBatch()`` leaves it
    /// empty. Returns false, changing nothing, for an index that has been written before.
    @discardableResult
    public func beginFreshBuild() throws(IndexError) -> Bool {
        try beginFreshBuild(blockPassages: FreshBuild.defaultBlockPassages)
    }

    /// ``beginFreshBuild()`` with blocks of `blockPassages` passages (tests use small ones).
    func beginFreshBuild(blockPassages: Int) throws(IndexError) -> Bool {
        guard let transactional = updates as? TransactionalWriter, sink === updates, !transactional.inTransaction,
            !closed, updates.articles == 0
        else { return false }
        let revision: UInt64
        do {
            revision = try database.readView().revision()
        } catch {
            throw IndexError.from(error, path: layout.directory)
        }
        guard revision == 0 else { return false }
        sink = BulkBuilder(
            try FreshBuild(
                layout: layout,
                threads: max(1, min(Self.maximumThreads, ProcessInfo.processInfo.activeProcessorCount)),
                blockPassages: blockPassages))
        return true
    }

    /// Writer threads of a fresh build at most, however many cores there are: each holds an
    /// analyzer and a block's postings in memory.
    static let maximumThreads = 4

    /// The record of article `id` as the index holds it now (including this writer's batch).
    /// During a fresh build nothing is readable before it is published: the answer is nil.
    public func record(of id: String) throws(IndexError) -> ArticleRecord? {
        try sink.record(of: id)
    }

    /// Every article id in the index, sorted (none during a fresh build).
    public func articleIDs() throws(IndexError) -> [String] {
        try sink.articleIDs(prefix: "")
    }

    /// The article ids that start with `prefix`, sorted (none during a fresh build).
    public func articleIDs(prefix: String) throws(IndexError) -> [String] {
        try sink.articleIDs(prefix: prefix)
    }

    /// The corpus roots the index records (including this writer's uncommitted change).
    public var roots: CorpusRoots { sink.roots }

    /// Records `roots` with the next commit (with the whole index, for a fresh build).
    public func setRoots(_ roots: CorpusRoots) throws(IndexError) {
        try sink.setRoots(roots)
    }

    /// Starts a batch if none is open (a fresh build has no batches).
    public func beginBatch() throws(IndexError) {
        guard sink === updates else { return }
        try updates.beginBatch()
    }

    /// Commits the open batch: all its article changes become visible at once.
    public func commitBatch() throws(IndexError) {
        try sink.commit()
    }

    /// Drops the open batch, leaving the index as it was at the last commit. A fresh build is
    /// dropped whole, leaving the index empty, and the writer writes updates again.
    public func cancelBatch() throws(IndexError) {
        try sink.cancel()
        sink = updates
    }

    /// Adds `article`, replacing every passage of an earlier version. Returns true if it replaced one.
    @discardableResult
    public func replace(_ article: Article) throws(IndexError) -> Bool {
        try sink.replace(article)
    }

    /// Removes article `id` and its passages. Returns false if it was not in the index.
    @discardableResult
    public func remove(articleID id: String) throws(IndexError) -> Bool {
        try sink.remove(articleID: id)
    }

    /// Commits any open batch (publishes a fresh build) and releases the write lock.
    public func close() throws(IndexError) {
        guard !closed else { return }
        // After a fresh build publishes, `database` describes the empty index it replaced: it
        // has no change to write, and closing it only releases the lock.
        try sink.finish()
        sink = updates
        try (updates as? ShardedWriter)?.close()
        do {
            try database.close()
        } catch {
            throw IndexError.from(error, path: layout.directory)
        }
        closed = true
    }
}
