/// `search`: ranked passages for a query in Passim's query language.
///
/// The result is the same JSON as `passim search --json`.
public struct SearchRequest: RequestType {
    public static let method = "search"
    public typealias Response = SearchResult

    /// The query, e.g. `platelet "growth factor" -title:review`.
    public var query: String
    /// Hits per page; `nil` means `RequestLimits.defaultSearchLimit`.
    public var limit: Int?
    /// Hits to skip (paging); `nil` means 0.
    public var offset: Int?
    /// At most this many passages per article; `nil` means no collapsing.
    public var perArticle: Int?
    /// Time budget in milliseconds; see `RequestType.deadlineMs`.
    public var deadlineMs: Int?
    /// `true`: each hit says why it ranked there (`SearchHit.explanation`; protocol 1.5).
    public var explain: Bool?
    /// `true`: the result counts every match by article and source (`SearchResult.facets`;
    /// protocol 1.5).
    public var facets: Bool?

    /// Memberwise initializer.
    public init(
        query: String, limit: Int? = nil, offset: Int? = nil, perArticle: Int? = nil,
        deadlineMs: Int? = nil, explain: Bool? = nil, facets: Bool? = nil
    ) {
        self.facets = facets
        self.query = query
        self.limit = limit
        self.offset = offset
        self.perArticle = perArticle
        self.deadlineMs = deadlineMs
        self.explain = explain
    }

    /// `limit` with its default applied.
    public var effectiveLimit: Int { limit ?? RequestLimits.defaultSearchLimit }
    /// `offset` with its default applied.
    public var effectiveOffset: Int { offset ?? 0 }

    private enum CodingKeys: String, CodingKey {
        case query, limit, offset, perArticle, deadlineMs, explain, facets
    }

    /// Decodes and validates: a non-empty query, numbers in `RequestLimits`' ranges.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        query = try container.decodeNonEmptyString(.query)
        limit = try container.decodeInteger(.limit, in: RequestLimits.searchLimit)
        offset = try container.decodeInteger(.offset, in: RequestLimits.searchOffset)
        perArticle = try container.decodeInteger(.perArticle, in: RequestLimits.perArticle)
        deadlineMs = try container.decodeInteger(.deadlineMs, in: RequestLimits.deadlineMs)
        explain = try container.decodeIfPresent(Bool.self, forKey: .explain)
        facets = try container.decodeIfPresent(Bool.self, forKey: .facets)
    }
}

extension SearchResult: ResponseType {}
