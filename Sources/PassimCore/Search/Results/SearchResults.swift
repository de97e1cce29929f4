import PassimArticles
import PassimQuery

/// A page of ranked passages: what ``Searcher/search(_:)`` finds.
///
/// The engine's own view of a search; the server and the CLI turn it into the protocol's
/// `SearchResult` at their edge.
public struct SearchResults: Sendable, Hashable {
    /// The query as it was asked.
    public var query: String
    /// How many passages match (after collapsing): exact for the queries Xapian could prune
    /// wrongly, Xapian's estimate otherwise.
    public var estimatedTotal: Int
    /// The spelling correction that was searched instead, when the query found little.
    public var correctedQuery: String?
    /// The page, best first.
    public var hits: [RankedPassage]
    /// Characters of the query read as text because no operator could mean them there (a
    /// stray `)`, `AND` with nothing after it).
    public var readAsText: [QueryRepair] = []
    /// Where the matches are, when the search asked for facets.
    public var facets: SearchFacets?

    /// Memberwise initializer.
    public init(query: String, estimatedTotal: Int, correctedQuery: String? = nil, hits: [RankedPassage]) {
        self.query = query
        self.estimatedTotal = estimatedTotal
        self.correctedQuery = correctedQuery
        self.hits = hits
    }
}

/// One ranked passage of a search, with its article and the words the query matched.
public struct RankedPassage: Sendable, Hashable {
    /// 1-based rank across all pages (offset + index + 1).
    public var rank: Int
    /// The score Xapian computed with Passim's weighting (DFR IneB2).
    public var score: Double
    /// The article the passage belongs to, as the index stores it.
    public var article: ArticleRecord
    /// The passage: its text, heading and place in the article's file.
    public var passage: Passage
    /// The words the query matched, in text order.
    public var highlights: [MatchedWord]
    /// UTF-8 byte ranges in the article's title of the words the query matched there: a
    /// written title is part of every passage of its article (a derived one is not).
    public var titleHighlights: [Range<Int>] = []
    /// UTF-8 byte ranges in the passage's section heading of the words the query matched there.
    public var sectionHighlights: [Range<Int>] = []
    /// The parts of `score`, when the search asked for an explanation.
    public var explanation: [ScorePart]?
    /// The file changed since it was indexed and no longer holds the passage's text: the place
    /// is the indexed version's (see ``Freshness``).
    public var stale = false

    /// Memberwise initializer.
    public init(rank: Int, score: Double, article: ArticleRecord, passage: Passage, highlights: [MatchedWord]) {
        self.rank = rank
        self.score = score
        self.article = article
        self.passage = passage
        self.highlights = highlights
    }

    /// The passage's id (`<article id>#<ordinal>`).
    public var passageID: PassageID { PassageID(article: article.id, ordinal: passage.ordinal) }
}
