/// Rewrites the offsets and columns of results from UTF-8 (how Passim stores them) into the
/// position encoding a connection negotiated.
///
/// What each number is relative to (PROTOCOL.md, "Positions"):
/// - `TextRange.start`/`end`: offsets from the start of the article's file;
/// - `startColumn`/`endColumn` of a `TextRange`, `column`/`endColumn` of a `Highlight`: 1-based
///   columns in the file's line;
/// - `Highlight.start`/`end`: offsets into `passage.text`;
/// - a `querySyntax` error's `offset`: an offset into the query.
/// Lines never change. Converting file positions needs the file, so the converter asks
/// `loadSource` for it by path (`ArticleSummary.path`), once per file per call, and only for its
/// first bytes up to the end of the last passage it converts there: the offsets and columns it
/// needs lie before that, and a file that grew (or was replaced by a huge one) is not read
/// whole. Before using a file it checks that the bytes at each passage's location are the
/// passage's text, so a file edited since indexing fails with `.sourceChanged` instead of
/// giving wrong columns.
public struct PositionConverter {
    /// Reads the source at `path`: at least its first `prefix` bytes (all of it when shorter).
    public typealias SourceLoading = (_ path: String, _ prefix: Int) throws -> SourceText

    /// The encoding results are converted to.
    public let encoding: PositionEncoding
    private let loadSource: SourceLoading

    /// A converter to `encoding` that reads files through `loadSource` (e.g. reading the file,
    /// or a cache keyed by path and index revision).
    public init(encoding: PositionEncoding, loadSource: @escaping SourceLoading) {
        self.encoding = encoding
        self.loadSource = loadSource
    }

    /// A search result with every offset and column converted; UTF-8 returns it unchanged
    /// without reading any file.
    public func convert(_ result: SearchResult) throws(PositionConversionError) -> SearchResult {
        guard encoding != .utf8 else { return result }
        var sources = SourceCache(load: loadSource)
        for hit in result.hits where hit.stale != true { sources.need(hit.article.path, through: hit.location.end) }
        var converted = result
        if let repairs = result.readAsText {
            var readAsText: [ReadAsText] = []
            for repair in repairs {
                var moved = repair
                moved.offset = try convertQueryOffset(repair.offset, in: result.query)
                readAsText.append(moved)
            }
            converted.readAsText = readAsText
        }
        for index in converted.hits.indices {
            let hit = converted.hits[index]
            converted.hits[index].titleHighlights = try hit.titleHighlights.map {
                spans throws(PositionConversionError) in
                try convert(spans, in: hit.article.title)
            }
            if let section = hit.passage.section {
                converted.hits[index].sectionHighlights = try hit.sectionHighlights.map {
                    spans throws(PositionConversionError) in try convert(spans, in: section)
                }
            }
        }
        // A stale hit's positions are the indexed version's: the file cannot convert them.
        for index in converted.hits.indices where converted.hits[index].stale != true {
            let hit = converted.hits[index]
            let source = try sources.source(for: hit.article.path)
            let record = try convert(
                PassageRecord(passage: hit.passage, location: hit.location), path: hit.article.path, in: source,
                verbatim: hit.article.format == nil)
            converted.hits[index].location = record.location
            var highlights: [Highlight] = []
            for highlight in hit.highlights {
                highlights.append(try convert(highlight, passageText: hit.passage.text, in: source))
            }
            converted.hits[index].highlights = highlights
        }
        return converted
    }

    /// A `passage/get` result with the locations of the passage and its neighbours converted.
    public func convert(_ result: PassageGetResult) throws(PositionConversionError) -> PassageGetResult {
        guard encoding != .utf8 else { return result }
        let path = result.article.path
        var sources = SourceCache(load: loadSource)
        for record in [result.passage] + result.before + result.after {
            sources.need(path, through: record.location.end)
        }
        let source = try sources.source(for: path)
        var converted = result
        let verbatim = result.article.format == nil
        converted.passage = try convert(result.passage, path: path, in: source, verbatim: verbatim)
        converted.before = try convert(result.before, path: path, in: source, verbatim: verbatim)
        converted.after = try convert(result.after, path: path, in: source, verbatim: verbatim)
        return converted
    }

    /// An `article/get` result with its passages' locations converted.
    public func convert(_ result: ArticleGetResult) throws(PositionConversionError) -> ArticleGetResult {
        guard encoding != .utf8, let passages = result.passages else { return result }
        var sources = SourceCache(load: loadSource)
        for record in passages { sources.need(result.article.path, through: record.location.end) }
        var converted = result
        converted.passages = try convert(
            passages, path: result.article.path, in: sources.source(for: result.article.path),
            verbatim: result.article.format == nil)
        return converted
    }

    /// A `querySyntax` error's offset into the query.
    public func convertQueryOffset(_ utf8Offset: Int, in query: String) throws(PositionConversionError) -> Int {
        try encoding.offset(ofUTF8Offset: utf8Offset, in: query)
    }

    /// A passage's location, after checking that the file still holds the passage's text there
    /// when the text is the file's bytes (`verbatim`). A Markdown or HTML article's clean text
    /// is not the file's bytes, so only its bounds are checked here; a search marks such a hit
    /// stale when its file changed (the engine has the passage's map).
    public func convert(
        _ record: PassageRecord, path: String, in source: SourceText, verbatim: Bool = true
    ) throws(PositionConversionError) -> PassageRecord {
        let location = record.location
        guard location.start >= 0, location.start <= location.end, location.end <= source.bytes.count,
            !verbatim || source.bytes[location.start..<location.end].elementsEqual(record.passage.text.utf8)
        else { throw .sourceChanged(path: path) }
        var converted = record
        converted.location = try convert(location, in: source)
        return converted
    }

    /// A range in the file.
    public func convert(_ range: TextRange, in source: SourceText) throws(PositionConversionError) -> TextRange {
        TextRange(
            start: try source.offset(range.start, in: encoding),
            end: try source.offset(range.end, in: encoding),
            startLine: range.startLine,
            startColumn: try source.column(range.startColumn, line: range.startLine, in: encoding),
            endLine: range.endLine,
            endColumn: try source.column(range.endColumn, line: range.endLine, in: encoding))
    }

    /// Offsets into `text` (a title, a heading).
    private func convert(_ spans: [Span], in text: String) throws(PositionConversionError) -> [Span] {
        var converted: [Span] = []
        for span in spans {
            converted.append(
                Span(
                    start: try encoding.offset(ofUTF8Offset: span.start, in: text),
                    end: try encoding.offset(ofUTF8Offset: span.end, in: text)))
        }
        return converted
    }

    /// A highlight: offsets into `passageText`, columns in the file.
    public func convert(_ highlight: Highlight, passageText: String, in source: SourceText)
        throws(PositionConversionError) -> Highlight
    {
        Highlight(
            start: try encoding.offset(ofUTF8Offset: highlight.start, in: passageText),
            end: try encoding.offset(ofUTF8Offset: highlight.end, in: passageText),
            line: highlight.line,
            column: try source.column(highlight.column, line: highlight.line, in: encoding),
            endLine: highlight.endLine,
            endColumn: try source.column(highlight.endColumn, line: highlight.endLine, in: encoding))
    }

    private func convert(_ records: [PassageRecord], path: String, in source: SourceText, verbatim: Bool)
        throws(PositionConversionError) -> [PassageRecord]
    {
        var converted: [PassageRecord] = []
        for record in records {
            converted.append(try convert(record, path: path, in: source, verbatim: verbatim))
        }
        return converted
    }
}

/// Files read during one conversion, so several hits in one article read it once, each up to
/// the furthest byte a conversion needs in it.
private struct SourceCache {
    let load: PositionConverter.SourceLoading
    var sources: [String: SourceText] = [:]
    var needed: [String: Int] = [:]

    /// Notes that positions up to byte `end` of `path` will be converted.
    mutating func need(_ path: String, through end: Int) {
        needed[path] = max(needed[path] ?? 0, end)
    }

    mutating func source(for path: String) throws(PositionConversionError) -> SourceText {
        if let source = sources[path] { return source }
        do {
            let source = try load(path, needed[path] ?? 0)
            sources[path] = source
            return source
        } catch let error as PositionConversionError {
            throw error
        } catch {
            throw .sourceUnavailable(path: path, reason: String(describing: error))
        }
    }
}
