import PassimArticles
import PassimCore
import PassimProtocol

// The edge where the engine's results become the protocol's: the daemon's handlers and the
// CLI's in-process search both go through these, so `passim search --json` prints the same
// bytes with or without a daemon. Positions stay UTF-8 here; a connection that negotiated
// another encoding converts them afterwards.

extension SearchResult {
    /// The protocol's answer for a page of ranked passages.
    public init(_ results: SearchResults) {
        self.init(
            query: results.query, estimatedTotal: results.estimatedTotal, correctedQuery: results.correctedQuery,
            hits: results.hits.map(SearchHit.init),
            readAsText: results.readAsText.isEmpty
                ? nil
                : results.readAsText.map { ReadAsText(offset: $0.offset, text: $0.text, reason: $0.reason) },
            facets: results.facets.map(Facets.init))
    }
}

extension Facets {
    /// Where a search's matches are.
    init(_ facets: SearchFacets) {
        self.init(
            articles: facets.articles.map {
                ArticleFacet(id: $0.article.id, title: $0.article.title, path: $0.article.path, count: $0.count)
            },
            sources: facets.sources.map { SourceFacet(domain: $0.domain, count: $0.count) })
    }
}

extension SearchHit {
    /// The protocol's view of one ranked passage.
    public init(_ hit: RankedPassage) {
        self.init(
            rank: hit.rank, score: hit.score, article: ArticleSummary(hit.article),
            passage: PassageInfo(hit.passage, id: hit.passageID), location: TextRange(hit.passage.location),
            highlights: hit.highlights.map(Highlight.init), stale: hit.stale ? true : nil,
            titleHighlights: Span.list(hit.titleHighlights), sectionHighlights: Span.list(hit.sectionHighlights),
            explanation: hit.explanation?.map(ScoreContribution.init))
    }
}

extension ScoreContribution {
    /// One part of a hit's score.
    init(_ part: ScorePart) {
        self.init(
            kind: part.kind.rawValue, query: part.text, weight: part.weight,
            synonyms: part.synonyms.isEmpty ? nil : part.synonyms,
            occurrences: part.occurrences.map { WordOccurrences(text: $0.text, heading: $0.heading, title: $0.title) })
    }
}

extension Span {
    /// Byte ranges as spans, nil when there are none (the field is then left out).
    static func list(_ ranges: [Range<Int>]) -> [Span]? {
        ranges.isEmpty ? nil : ranges.map { Span(start: $0.lowerBound, end: $0.upperBound) }
    }
}

extension ArticleSummary {
    /// The article as results show it.
    public init(_ record: ArticleRecord) {
        self.init(
            id: record.id, title: record.title, path: record.path, sources: record.sources,
            format: record.format == .text ? nil : record.format.rawValue)
    }
}

extension PassageInfo {
    /// A passage's identity and text.
    init(_ passage: Passage, id: PassageID) {
        self.init(id: id.description, ordinal: passage.ordinal, section: passage.section, text: passage.text)
    }
}

extension TextRange {
    /// The protocol's range for a place in a file (UTF-8 offsets and columns).
    init(_ location: SourceLocation) {
        self.init(
            start: location.byteStart, end: location.byteEnd, startLine: location.startLine,
            startColumn: location.startColumn, endLine: location.endLine, endColumn: location.endColumn)
    }
}

extension Highlight {
    /// A matched word: offsets in the passage text, line and column in the file.
    init(_ word: MatchedWord) {
        self.init(
            start: word.range.lowerBound, end: word.range.upperBound, line: word.location.startLine,
            column: word.location.startColumn, endLine: word.location.endLine, endColumn: word.location.endColumn)
    }
}

extension PassageRecord {
    /// Passage `passage` of article `articleID` with its place in the file.
    init(_ passage: Passage, articleID: String) {
        self.init(
            passage: PassageInfo(passage, id: PassageID(article: articleID, ordinal: passage.ordinal)),
            location: TextRange(passage.location))
    }
}

extension PassageGetResult {
    /// The answer to `passage/get`.
    public init(_ context: PassageContext) {
        let id = context.article.id
        self.init(
            article: ArticleSummary(context.article), passage: PassageRecord(context.passage, articleID: id),
            before: context.before.map { PassageRecord($0, articleID: id) },
            after: context.after.map { PassageRecord($0, articleID: id) })
    }
}

extension ArticleGetResult {
    /// The answer to `article/get`.
    public init(_ contents: ArticleContents) {
        let id = contents.article.id
        self.init(
            article: ArticleSummary(contents.article), passageCount: contents.passageCount,
            passages: contents.passages?.map { PassageRecord($0, articleID: id) })
    }
}

extension IndexInfo {
    /// The index as `initialize` and `stats` show it.
    public init(_ summary: IndexSummary, shards: [ShardSummary] = []) {
        self.init(
            path: summary.path, revision: Int(clamping: summary.revision), articles: summary.articles,
            passages: summary.passages,
            roots: summary.roots.map { IndexRoot(path: $0.path, label: $0.label, kind: $0.isFile ? .file : .folder) },
            shards: shards.isEmpty ? nil : shards.map(ShardInfo.init))
    }
}

extension ShardInfo {
    /// A shard as `initialize` and `stats` show it.
    public init(_ shard: ShardSummary) {
        self.init(
            location: shard.location, state: shard.problem == nil ? .ok : .unreachable, passages: shard.passages,
            revision: shard.revision.map { Int(clamping: $0) }, problem: shard.problem)
    }
}

extension Completion {
    /// One `suggest` completion.
    public init(_ completion: WordCompletion) {
        self.init(term: completion.word, frequency: completion.frequency)
    }
}

extension IngestSkipped {
    /// A file the scan passed over, as `ingest` reports it.
    init(_ file: SkippedFile) {
        let reason: Reason
        switch file.reason {
        case .unsupportedType: reason = .unsupportedType
        case .readme: reason = .readme
        case .ignored: reason = .ignored
        }
        self.init(path: file.path, reason: reason)
    }
}
