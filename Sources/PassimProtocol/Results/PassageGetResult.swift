/// The answer to `passage/get`: the passage, its neighbours in article order, and its article.
public struct PassageGetResult: ResponseType {
    public var article: ArticleSummary
    public var passage: PassageRecord
    /// Up to `context` passages just before it, in article order (nearest last).
    public var before: [PassageRecord]
    /// Up to `context` passages just after it, in article order (nearest first).
    public var after: [PassageRecord]

    public init(
        article: ArticleSummary, passage: PassageRecord, before: [PassageRecord], after: [PassageRecord]
    ) {
        self.article = article
        self.passage = passage
        self.before = before
        self.after = after
    }
}
