/// The answer to a search: the same JSON for `passim search --json` and the daemon's `search`.
///
/// Offsets and columns are in the connection's position encoding (UTF-8 bytes unless the
/// client negotiated UTF-16 or UTF-32 in `initialize`; the CLI always uses UTF-8).
public struct SearchResult: Codable, Sendable, Hashable {
    /// The query as the client sent it.
    public var query: String
    /// Xapian's estimate of the number of matching passages (after collapsing).
    public var estimatedTotal: Int
    /// Present when the query found little and a spelling correction was searched instead.
    public var correctedQuery: String?
    public var hits: [SearchHit]
    /// Characters of the query read as text, because no operator could mean them where they
    /// are (protocol 1.4; absent when none): a stray `)`, an `AND` with nothing after it.
    public var readAsText: [ReadAsText]?
    /// Where the matches are, when the request asked (`facets`; protocol 1.5).
    public var facets: Facets?

    public init(
        query: String, estimatedTotal: Int, correctedQuery: String? = nil, hits: [SearchHit],
        readAsText: [ReadAsText]? = nil, facets: Facets? = nil
    ) {
        self.facets = facets
        self.query = query
        self.estimatedTotal = estimatedTotal
        self.correctedQuery = correctedQuery
        self.hits = hits
        self.readAsText = readAsText
    }
}

/// A character (or operator word) of the query that was read as text, and why.
public struct ReadAsText: Codable, Sendable, Hashable {
    /// Offset of it in the query, in the connection's position encoding.
    public var offset: Int
    /// What was read as text: `)`, `"`, `AND`.
    public var text: String
    /// Why: "it closes no '('".
    public var reason: String

    public init(offset: Int, text: String, reason: String) {
        self.offset = offset
        self.text = text
        self.reason = reason
    }
}

/// One ranked passage.
public struct SearchHit: Codable, Sendable, Hashable {
    /// 1-based rank across all pages (offset + index + 1).
    public var rank: Int
    /// The score Xapian computed (Passim's weighting, DFR IneB2): higher ranks first.
    public var score: Double
    public var article: ArticleSummary
    public var passage: PassageInfo
    /// Where the passage is in the article's file.
    public var location: TextRange
    /// Matched words: offsets into `passage.text`, with their line and column in the file.
    public var highlights: [Highlight]
    /// True when the file changed since it was indexed and no longer holds the passage's text:
    /// `location` and the highlights' lines and columns are the indexed version's, in UTF-8
    /// (protocol 1.2). Absent otherwise.
    public var stale: Bool?
    /// The query's words in the article's title: offsets into `article.title` (protocol 1.5;
    /// absent when none). A written title is part of every passage of its article.
    public var titleHighlights: [Span]?
    /// The query's words in the passage's section heading: offsets into `passage.section`
    /// (protocol 1.5; absent when none).
    public var sectionHighlights: [Span]?
    /// Why the hit ranked here, when the request asked (`explain`; protocol 1.5): the parts of
    /// `score`, which add up to it.
    public var explanation: [ScoreContribution]?

    public init(
        rank: Int, score: Double, article: ArticleSummary, passage: PassageInfo,
        location: TextRange, highlights: [Highlight], stale: Bool? = nil, titleHighlights: [Span]? = nil,
        sectionHighlights: [Span]? = nil, explanation: [ScoreContribution]? = nil
    ) {
        self.rank = rank
        self.score = score
        self.article = article
        self.passage = passage
        self.location = location
        self.highlights = highlights
        self.stale = stale
        self.titleHighlights = titleHighlights
        self.sectionHighlights = sectionHighlights
        self.explanation = explanation
    }
}

/// One part of a hit's score: an item of the query and the weight it earned in the passage.
public struct ScoreContribution: Codable, Sendable, Hashable {
    /// `word`, `synonym` (an acronym's long form or the acronym, searched as one), `phrase`,
    /// `near`, `wildcard`, `group` (a field, a boolean group, the whole query) or `wordsTogether`
    /// (the bonus for words typed side by side that the passage holds side by side).
    public var kind: String
    /// The item as the query says it: `+collagen`, `"growth factors"`, `stem cells`.
    public var query: String
    /// Its weight in this passage: 0 when the passage does not hold it.
    public var weight: Double
    /// What was searched with it: the acronym or long form the articles define.
    public var synonyms: [String]?
    /// For a single word: how often the passage holds it in its text, heading and title (a title
    /// occurrence weighs three times a text one, a heading occurrence twice).
    public var occurrences: WordOccurrences?

    public init(
        kind: String, query: String, weight: Double, synonyms: [String]? = nil, occurrences: WordOccurrences? = nil
    ) {
        self.kind = kind
        self.query = query
        self.weight = weight
        self.synonyms = synonyms
        self.occurrences = occurrences
    }
}

/// How often a word occurs in a passage's text, its section heading and its article's title.
public struct WordOccurrences: Codable, Sendable, Hashable {
    public var text: Int
    public var heading: Int
    public var title: Int

    public init(text: Int, heading: Int, title: Int) {
        self.text = text
        self.heading = heading
        self.title = title
    }
}

/// Offsets `[start, end)` into a string of the result, in the connection's position encoding.
public struct Span: Codable, Sendable, Hashable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}

/// The article a hit belongs to.
public struct ArticleSummary: Codable, Sendable, Hashable {
    public var id: String
    public var title: String
    /// Absolute path of the source file.
    public var path: String
    public var sources: [String]
    /// How the file is written, when it is not plain text: `markdown` or `html` (protocol
    /// 1.3). A passage's `text` is then the article's clean text, not the file's bytes at its
    /// location; every location and highlight still points into the file.
    public var format: String?

    public init(id: String, title: String, path: String, sources: [String], format: String? = nil) {
        self.id = id
        self.title = title
        self.path = path
        self.sources = sources
        self.format = format
    }
}

/// A passage's identity and text.
public struct PassageInfo: Codable, Sendable, Hashable {
    /// `<article id>#<ordinal>`.
    public var id: String
    /// 1-based position in the article.
    public var ordinal: Int
    public var section: String?
    public var text: String

    public init(id: String, ordinal: Int, section: String?, text: String) {
        self.id = id
        self.ordinal = ordinal
        self.section = section
        self.text = text
    }
}

/// A range in a source file: offsets `[start, end)` from the start of the file, and
/// 1-based lines and columns; the end position is exclusive (just after the last unit).
public struct TextRange: Codable, Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var startLine: Int
    public var startColumn: Int
    public var endLine: Int
    public var endColumn: Int

    public init(start: Int, end: Int, startLine: Int, startColumn: Int, endLine: Int, endColumn: Int) {
        self.start = start
        self.end = end
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.endColumn = endColumn
    }
}

/// A matched word: `[start, end)` in the passage text, and where it starts and ends in the file.
public struct Highlight: Codable, Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var line: Int
    public var column: Int
    public var endLine: Int
    public var endColumn: Int

    public init(start: Int, end: Int, line: Int, column: Int, endLine: Int, endColumn: Int) {
        self.start = start
        self.end = end
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
    }
}
