/// `article/get`: an article's metadata, and optionally all its passages.
public struct ArticleGetRequest: RequestType {
    public static let method = "article/get"
    public typealias Response = ArticleGetResult

    /// An article id as search returns it (`hit.article.id`).
    public var id: String
    /// Also return every passage; `nil` means false.
    public var includePassages: Bool?
    public var deadlineMs: Int?

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
    public var article: ArticleSummary
    public var passageCount: Int
    /// Every passage in article order; present only when `includePassages` was true.
    public var passages: [PassageRecord]?

    public init(article: ArticleSummary, passageCount: Int, passages: [PassageRecord]? = nil) {
        self.article = article
        self.passageCount = passageCount
        self.passages = passages
    }
}
