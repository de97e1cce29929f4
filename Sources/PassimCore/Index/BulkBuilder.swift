import PassimArticles

/// The sink of a brand-new index: a `FreshBuild` writes blocks on every core, and `finish`
/// merges and publishes them at once. Nothing is readable before that: the index was empty,
/// so no article has a record yet.
final class BulkBuilder: ArticleSink {
    private let build: FreshBuild
    private(set) var roots = CorpusRoots()

    init(_ build: FreshBuild) {
        self.build = build
    }

    var articles: Int { build.articles }

    func record(of id: String) throws(IndexError) -> ArticleRecord? { nil }

    func articleIDs(prefix: String) throws(IndexError) -> [String] { [] }

    func setRoots(_ roots: CorpusRoots) throws(IndexError) {
        self.roots = roots
    }

    func replace(_ article: Article) throws(IndexError) -> Bool {
        try build.replace(article)
    }

    func remove(articleID id: String) throws(IndexError) -> Bool {
        build.remove(id)
    }

    /// Batches commit nothing: the build is published whole.
    func commit() throws(IndexError) {}

    /// Drops the whole build; the index stays empty.
    func cancel() throws(IndexError) {
        build.abort()
    }

    func finish() throws(IndexError) {
        _ = try build.publish(roots: roots)
    }
}
