import PassimArticles

/// An article's record and, when asked for, its passages: what ``Searcher/article(_:includePassages:)`` reads.
public struct ArticleContents: Sendable, Hashable {
    /// The article as the index stores it.
    public var article: ArticleRecord
    /// Its passages in article order; nil when they were not asked for.
    public var passages: [Passage]?

    /// Memberwise initializer.
    public init(article: ArticleRecord, passages: [Passage]?) {
        self.article = article
        self.passages = passages
    }

    /// How many passages the article has (as stored, or as read when they were read).
    public var passageCount: Int { passages?.count ?? article.passageCount }
}
