import PassimAnalysis
import PassimArticles
import PassimQuery
import PassimXapian

/// Why a hit ranked where it did: each score item of the query weighed on the hit's passage.
extension Searcher {
    /// The parts of the score of passage `id` (document `docid`): each item of `compiled`
    /// weighed by Xapian on that passage alone, with the same statistics as the search, so the
    /// parts add up to the hit's score.
    func explanation(
        of compiled: CompiledQuery, passage id: PassageID, docid: UInt32, request: SearchParameters
    ) throws -> [ScorePart] {
        let only = try XapianQuery.term(Schema.passageIDTerm(id.description))
        var options = XapianSearchOptions()
        options.limit = 1
        Self.weigh(request, into: &options)
        var parts: [ScorePart] = []
        for item in compiled.scoreItems {
            let matches = try database.search(try .combine(.filter, [item.query, only]), options: options)
            parts.append(
                ScorePart(
                    kind: item.kind, text: item.text, weight: matches.matches.first?.weight ?? 0,
                    synonyms: item.synonyms,
                    occurrences: try item.word.map { try occurrences(of: $0, in: docid) }))
        }
        return parts
    }

    /// Where a word occurs in a passage, from its terms' wdf in each field: the body term counts
    /// title occurrences `titleWeight` times and heading occurrences `sectionWeight` times.
    private func occurrences(of word: Token, in docid: UInt32) throws -> FieldOccurrences {
        func wdf(_ field: Schema.Field) throws -> Int {
            let term = Schema.term(for: word, field: field) { analyzer.stem($0) }
            return try database.documentTerms(docid, prefix: term).first { $0.term == term }?.wdf ?? 0
        }
        let title = try wdf(.title)
        let heading = try wdf(.section)
        let body = try wdf(.body)
        let text = body - Int(Schema.titleWeight) * title - Int(Schema.sectionWeight) * heading
        return FieldOccurrences(text: max(0, text), heading: heading, title: title)
    }
}
