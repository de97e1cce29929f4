import PassimXapian

/// Xapian's weighting schemes, as ``SearchParameters/scheme`` names them.
public typealias WeightingScheme = PassimXapian.WeightingScheme

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
    /// BM25 with these parameters instead of Passim's weighting, for measuring
    /// (`passim bench-query --bm25`).
    public var bm25: BM25Weights?
    /// Another of Xapian's weighting schemes instead of BM25, for measuring them
    /// (`passim bench-query --weighting`); nil is Passim's (IneB2, or BM25 when `bm25` is set).
    public var scheme: WeightingScheme?
    /// Explain each hit's score (``RankedPassage/explanation``).
    public var explain = false
    /// Count the matches by article and source (``SearchResults/facets``).
    public var facets = false

    public init(
        query: String, limit: Int = 10, offset: Int = 0, perArticle: Int? = nil, correctSpelling: Bool = true,
        explain: Bool = false, facets: Bool = false
    ) {
        self.explain = explain
        self.facets = facets
        self.query = query
        self.limit = limit
        self.offset = offset
        self.perArticle = perArticle
        self.correctSpelling = correctSpelling
    }
}

/// BM25's term-frequency saturation `k1` and length normalisation `b` (0...1).
public struct BM25Weights: Sendable, Hashable {
    public var k1: Double
    public var b: Double

    public init(k1: Double, b: Double) {
        precondition(k1 >= 0 && (0...1).contains(b), "BM25 needs k1 >= 0 and b in 0...1")
        self.k1 = k1
        self.b = b
    }
}
