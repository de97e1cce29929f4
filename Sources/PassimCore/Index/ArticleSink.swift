import PassimArticles

/// What writes articles into an index: the one seam every ingest goes through.
///
/// `IndexWriter` chooses the implementation in one place: `TransactionalWriter` for an index
/// that has been written before (each batch one Xapian transaction), `BulkBuilder` for a
/// brand-new one (blocks written on every core, published whole). A sharded index adds its
/// own (a writer per shard and a catalog) behind the same calls. Not thread safe.
protocol ArticleSink: AnyObject {
    /// Articles in the index, including this sink's uncommitted changes.
    var articles: Int { get }

    /// The stored record of article `id` (including uncommitted changes), or nil.
    func record(of id: String) throws(IndexError) -> ArticleRecord?

    /// The article ids in the index that start with `prefix`, sorted.
    func articleIDs(prefix: String) throws(IndexError) -> [String]

    /// The corpus roots the index records, including this sink's uncommitted change.
    var roots: CorpusRoots { get }

    /// Records `roots`, written with the next commit (with the whole index, for a bulk build).
    func setRoots(_ roots: CorpusRoots) throws(IndexError)

    /// Adds `article`, replacing every passage of an earlier version; true if it replaced one.
    func replace(_ article: Article) throws(IndexError) -> Bool

    /// Removes article `id` and its passages; false if it was not there.
    func remove(articleID id: String) throws(IndexError) -> Bool

    /// Makes the changes so far durable and visible at once (a bulk build shows nothing before
    /// it is finished).
    func commit() throws(IndexError)

    /// Drops the changes not yet committed.
    func cancel() throws(IndexError)

    /// Commits what is left and publishes it; the sink takes no change afterwards.
    func finish() throws(IndexError)

    /// Drops uncommitted changes without reporting failure: the writer is going away.
    func abandon()

    /// Starts a batch if none is open (a bulk build has none).
    func beginBatch() throws(IndexError)
}

extension ArticleSink {
    func beginBatch() throws(IndexError) {}

    func abandon() {
        try? cancel()
    }
}

/// A sink whose records, counts and roots are its `CatalogTables` (every sink that updates an
/// index: a single one's database or a sharded one's catalog).
protocol CatalogBackedSink: ArticleSink {
    var catalog: CatalogTables { get }
}

extension CatalogBackedSink {
    var articles: Int { catalog.articleCount }

    var roots: CorpusRoots { catalog.roots }

    func record(of id: String) throws(IndexError) -> ArticleRecord? {
        try catalog.record(of: id)
    }

    func articleIDs(prefix: String) throws(IndexError) -> [String] {
        try catalog.articleIDs(prefix: prefix)
    }

    func setRoots(_ roots: CorpusRoots) throws(IndexError) {
        guard roots != catalog.roots else { return }
        try beginBatch()
        _ = catalog.setRoots(roots)
    }
}
