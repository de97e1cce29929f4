import PassimXapian

/// A query ready to run: the Xapian query plus what the searcher needs around it. Like its
/// `XapianQuery`, it stays on the thread that compiled it.
public struct CompiledQuery {
    /// The query to hand to `XapianDatabase.search`; `isEmpty` when nothing searchable was left
    /// (e.g. a query of punctuation).
    public let xapian: XapianQuery
    /// How to mark hits in passage text.
    public let highlight: HighlightPlan
    /// Stop words that were left out of the ranked OR, in query order (normalized).
    public let ignoredStopWords: [String]
    /// The parts whose weights add up to a passage's score.
    public let scoreItems: [ScoreItem]

    /// Creates a compiled query; normally made by `QueryCompiler`.
    public init(
        xapian: XapianQuery, highlight: HighlightPlan, ignoredStopWords: [String], scoreItems: [ScoreItem] = []
    ) {
        self.xapian = xapian
        self.highlight = highlight
        self.ignoredStopWords = ignoredStopWords
        self.scoreItems = scoreItems
    }
}
