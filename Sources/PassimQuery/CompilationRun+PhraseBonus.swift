import PassimAnalysis
import PassimXapian

/// The phrase bonus: words typed side by side rank passages that hold them side by side first.
extension CompilationRun {
    /// Juxtaposed bare words of a sequence (`+` or not), gathered for their phrase bonus.
    struct WordRun {
        /// The query position of the run's first token.
        var first: UInt32
        var words: [QueryWord] = []
        /// Whether an optional word of the run is an OR term of its own (not a left-out stop word).
        var matchedByOptional = false
    }

    /// The PHRASE of a run of two or more words (or of one word split into words, as
    /// `cell-derived`), stop words included, over the terms the indexer writes; nil for shorter
    /// runs and where weights do not count.
    ///
    /// BM25 scores each word as if the others were not there, so a passage that says `event
    /// loop` ranks no higher than one that says `event` in one sentence and `loop` in the next,
    /// and one that says `splitter with the given` no higher than one with `splitter` and `given`
    /// (the stop words are out of the OR). Words typed together are most often meant together:
    /// a heading, a term of art, a remembered sentence. The bonus is that passage's phrase match,
    /// weighed as Xapian weighs a phrase, by the BM25 weights of its words, so a rare phrase
    /// counts more than a common one; the phrase's stop words weigh almost nothing but place the
    /// other words. It only reorders: `sequence` puts it where it cannot match on its own, and
    /// a passage must hold every word of it to match it, so Xapian checks positions only in
    /// passages holding all the words, rarest first. In a root sequence of optional words it
    /// is an item of their OR; elsewhere `sequence` hoists it over the whole query as
    /// `query AND_MAYBE phrase`, which is exact there but re-checks the phrase for every
    /// passage the query matches, so it is kept for the cases that need it (BENCHMARKS.md has
    /// the bonus's gain and cost).
    mutating func phraseBonus(of run: WordRun, in context: Context) throws(XapianError)
        -> (phrase: XapianQuery, matchedByOptional: Bool, text: String)?
    {
        guard context.positive, let only = run.words.first else { return nil }
        // One word the analysis splits into words of their own (`cell-derived`) is a run of
        // them, as the same words typed with spaces are; any other one word is not a run.
        if run.words.count == 1, !Self.isSplitIntoWords(analyzer.analyze(only.text)) { return nil }
        let tokens = run.words.flatMap { analyzer.analyze($0.text).tokens }
        guard tokens.count >= 2 else { return nil }
        var terms: [XapianQuery] = []
        for (offset, token) in tokens.enumerated() {
            terms.append(try .term(indexedTerm(of: token, in: context), position: run.first + UInt32(offset)))
        }
        let phrase = try XapianQuery.combine(.phrase, terms, parameter: UInt32(terms.count))
        return (phrase, run.matchedByOptional, run.words.map(\.text).joined(separator: " "))
    }
}
