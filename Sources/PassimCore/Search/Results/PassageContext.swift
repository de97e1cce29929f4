import PassimArticles

/// A passage with its neighbours in article order: what ``Searcher/passage(_:context:)`` reads.
public struct PassageContext: Sendable, Hashable {
    /// The article the passage belongs to.
    public var article: ArticleRecord
    /// The passage asked for.
    public var passage: Passage
    /// Up to the requested number of passages just before it, in article order.
    public var before: [Passage]
    /// Up to the requested number of passages just after it, in article order.
    public var after: [Passage]

    /// Memberwise initializer.
    public init(article: ArticleRecord, passage: Passage, before: [Passage], after: [Passage]) {
        self.article = article
        self.passage = passage
        self.before = before
        self.after = after
    }
}
