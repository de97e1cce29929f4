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
}
