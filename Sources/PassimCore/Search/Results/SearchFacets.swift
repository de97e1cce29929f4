/// Where a search's matches are: how many matching passages each article and each source
/// domain has, over every match, not only the page.
public struct SearchFacets: Sendable, Hashable {
    /// Articles with matching passages, most first (ties by id), at most `SearchFacets.limit`.
    public var articles: [ArticleCount]
    /// Source hosts cited by articles with matching passages, with those articles' matching
    /// passages, most first (ties by host), at most `SearchFacets.limit`.
    public var sources: [SourceCount]

    /// Most entries of each list.
    public static let limit = 20

    /// Memberwise initializer.
    public init(articles: [ArticleCount], sources: [SourceCount]) {
        self.articles = articles
        self.sources = sources
    }

    /// An article and its number of matching passages.
    public struct ArticleCount: Sendable, Hashable {
        public var article: ArticleRecord
        public var count: Int

        public init(article: ArticleRecord, count: Int) {
            self.article = article
            self.count = count
        }
    }

    /// A source host and the matching passages of the articles that cite it.
    public struct SourceCount: Sendable, Hashable {
        public var domain: String
        public var count: Int

        public init(domain: String, count: Int) {
            self.domain = domain
            self.count = count
        }
    }
}
