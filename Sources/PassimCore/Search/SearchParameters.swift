/// One search as the CLI or the daemon asks for it.
public struct SearchParameters: Sendable, Hashable {
    /// Upper bound on `limit`, so one request cannot ask for the whole index.
    public static let maximumLimit = 1000

    public var query: String
    public var limit: Int
    public var offset: Int
    /// Keep at most this many passages per article (nil: no collapsing).
    public var perArticle: Int?
    /// Offer and search a spelling correction when the query finds little.
    public var correctSpelling: Bool

    public init(query: String, limit: Int = 10, offset: Int = 0, perArticle: Int? = nil, correctSpelling: Bool = true) {
        self.query = query
        self.limit = limit
        self.offset = offset
        self.perArticle = perArticle
        self.correctSpelling = correctSpelling
    }
}
