/// The answer to `passage/get`: the passage, its neighbours in article order, and its article.
public struct PassageGetResult: ResponseType {
    /// The article the passage belongs to.
    public var article: ArticleSummary
    /// The passage asked for.
    public var passage: PassageRecord
    /// Up to `context` passages just before it, in article order (nearest last).
    public var before: [PassageRecord]
    /// Up to `context` passages just after it, in article order (nearest first).
    public var after: [PassageRecord]

    /// Memberwise initializer.
    public init(
        article: ArticleSummary, passage: PassageRecord, before: [PassageRecord], after: [PassageRecord]
    ) {
        self.article = article
        self.passage = passage
        self.before = before
        self.after = after
    }
}
