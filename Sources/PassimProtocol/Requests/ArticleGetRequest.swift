/// `article/get`: an article's metadata, and optionally all its passages.
public struct ArticleGetRequest: RequestType {
    public static let method = "article/get"
    public typealias Response = ArticleGetResult

    /// An article id as search returns it (`hit.article.id`).
    public var id: String
    /// Also return every passage; `nil` means false.
    public var includePassages: Bool?
    /// Time budget in milliseconds; see `RequestType.deadlineMs`.
    public var deadlineMs: Int?

    /// Memberwise initializer.
    public init(id: String, includePassages: Bool? = nil, deadlineMs: Int? = nil) {
        self.id = id
        self.includePassages = includePassages
        self.deadlineMs = deadlineMs
    }

    private enum CodingKeys: String, CodingKey {
        case id, includePassages, deadlineMs
    }

    /// Decodes and validates: a non-empty id, a deadline in range.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeNonEmptyString(.id)
        includePassages = try container.decodeIfPresent(Bool.self, forKey: .includePassages)
        deadlineMs = try container.decodeInteger(.deadlineMs, in: RequestLimits.deadlineMs)
    }
}

/// The answer to `article/get`.
public struct ArticleGetResult: ResponseType {
    /// The article's identity, title, path and sources.
    public var article: ArticleSummary
    /// How many passages the article has.
    public var passageCount: Int
    /// Every passage in article order; present only when `includePassages` was true.
    public var passages: [PassageRecord]?

    /// Memberwise initializer.
    public init(article: ArticleSummary, passageCount: Int, passages: [PassageRecord]? = nil) {
        self.article = article
        self.passageCount = passageCount
        self.passages = passages
    }
}
