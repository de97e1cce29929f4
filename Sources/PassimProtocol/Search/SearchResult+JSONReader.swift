// The search answer reads itself (see `JSONReader`), for clients that decode many hits in a
// fresh process: the same values `JSONDecoder` makes of the same bytes, unknown keys skipped.

extension JSONReader {
    /// The error for a required key that an object lacks.
    func missing(_ key: String, in type: String) -> JSONReadError {
        failure("`\(key)` missing from \(type)")
    }
}

extension SearchResult: JSONReadable {
    /// Reads one from JSON, as its `Decodable` conformance decodes it.
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var query: String?
        var estimatedTotal: Int?
        var correctedQuery: String?
        var hits: [SearchHit]?
        var readAsText: [ReadAsText]?
        var facets: Facets?
        try reader.readObject { reader, key throws(JSONReadError) in
            switch key {
            case "facets": facets = try reader.readNull() ? nil : reader.read(Facets.self)
            case "query": query = try reader.readString()
            case "estimatedTotal": estimatedTotal = try reader.readInt()
            case "correctedQuery": correctedQuery = try reader.readNull() ? nil : reader.readString()
            case "hits": hits = try reader.readArray(of: SearchHit.self)
            case "readAsText": readAsText = try reader.readNull() ? nil : reader.readArray(of: ReadAsText.self)
            default: try reader.skipValue()
            }
        }
        guard let query else { throw reader.missing("query", in: "a search result") }
        guard let estimatedTotal else { throw reader.missing("estimatedTotal", in: "a search result") }
        guard let hits else { throw reader.missing("hits", in: "a search result") }
        self.init(
            query: query, estimatedTotal: estimatedTotal, correctedQuery: correctedQuery, hits: hits,
            readAsText: readAsText, facets: facets)
    }
}

extension ReadAsText: JSONReadable {
    /// Reads one from JSON, as its `Decodable` conformance decodes it.
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var offset: Int?
        var text: String?
        var reason: String?
        try reader.readObject { reader, key throws(JSONReadError) in
            switch key {
            case "offset": offset = try reader.readInt()
            case "text": text = try reader.readString()
            case "reason": reason = try reader.readString()
            default: try reader.skipValue()
            }
        }
        guard let offset, let text, let reason else {
            throw reader.missing(offset == nil ? "offset" : text == nil ? "text" : "reason", in: "readAsText")
        }
        self.init(offset: offset, text: text, reason: reason)
    }
}

extension SearchHit: JSONReadable {
    /// Reads one from JSON, as its `Decodable` conformance decodes it.
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var rank: Int?
        var score: Double?
        var article: ArticleSummary?
        var passage: PassageInfo?
        var location: TextRange?
        var highlights: [Highlight]?
        var stale: Bool?
        var titleHighlights: [Span]?
        var sectionHighlights: [Span]?
        var explanation: [ScoreContribution]?
        try reader.readObject { reader, key throws(JSONReadError) in
            switch key {
            case "titleHighlights": titleHighlights = try reader.readNull() ? nil : reader.readArray(of: Span.self)
            case "sectionHighlights": sectionHighlights = try reader.readNull() ? nil : reader.readArray(of: Span.self)
            case "explanation":
                explanation = try reader.readNull() ? nil : reader.readArray(of: ScoreContribution.self)
            case "rank": rank = try reader.readInt()
            case "score": score = try reader.readDouble()
            case "article": article = try reader.read(ArticleSummary.self)
            case "passage": passage = try reader.read(PassageInfo.self)
            case "location": location = try reader.read(TextRange.self)
            case "highlights": highlights = try reader.readArray(of: Highlight.self)
            case "stale": stale = try reader.readNull() ? nil : reader.readBool()
            default: try reader.skipValue()
            }
        }
        guard let rank else { throw reader.missing("rank", in: "a hit") }
        guard let score else { throw reader.missing("score", in: "a hit") }
        guard let article else { throw reader.missing("article", in: "a hit") }
        guard let passage else { throw reader.missing("passage", in: "a hit") }
        guard let location else { throw reader.missing("location", in: "a hit") }
        guard let highlights else { throw reader.missing("highlights", in: "a hit") }
        self.init(
            rank: rank, score: score, article: article, passage: passage, location: location,
            highlights: highlights, stale: stale, titleHighlights: titleHighlights,
            sectionHighlights: sectionHighlights,
            explanation: explanation)
    }
}

extension Span: JSONReadable {
    /// Reads one from JSON, as its `Decodable` conformance decodes it.
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var start: Int?
        var end: Int?
        try reader.readObject { reader, key throws(JSONReadError) in
            switch key {
            case "start": start = try reader.readInt()
            case "end": end = try reader.readInt()
            default: try reader.skipValue()
            }
        }
        guard let start, let end else { throw reader.missing(start == nil ? "start" : "end", in: "a span") }
        self.init(start: start, end: end)
    }
}

extension ScoreContribution: JSONReadable {
    /// Reads one from JSON, as its `Decodable` conformance decodes it.
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var kind: String?
        var query: String?
        var weight: Double?
        var synonyms: [String]?
        var occurrences: WordOccurrences?
        try reader.readObject { reader, key throws(JSONReadError) in
            switch key {
            case "kind": kind = try reader.readString()
            case "query": query = try reader.readString()
            case "weight": weight = try reader.readDouble()
            case "synonyms": synonyms = try reader.readNull() ? nil : reader.readStrings()
            case "occurrences": occurrences = try reader.readNull() ? nil : reader.read(WordOccurrences.self)
            default: try reader.skipValue()
            }
        }
        guard let kind else { throw reader.missing("kind", in: "a score part") }
        guard let query else { throw reader.missing("query", in: "a score part") }
        guard let weight else { throw reader.missing("weight", in: "a score part") }
        self.init(kind: kind, query: query, weight: weight, synonyms: synonyms, occurrences: occurrences)
    }
}

extension WordOccurrences: JSONReadable {
    /// Reads one from JSON, as its `Decodable` conformance decodes it.
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var text: Int?
        var heading: Int?
        var title: Int?
        try reader.readObject { reader, key throws(JSONReadError) in
            switch key {
            case "text": text = try reader.readInt()
            case "heading": heading = try reader.readInt()
            case "title": title = try reader.readInt()
            default: try reader.skipValue()
            }
        }
        guard let text, let heading, let title else {
            throw reader.missing(text == nil ? "text" : heading == nil ? "heading" : "title", in: "occurrences")
        }
        self.init(text: text, heading: heading, title: title)
    }
}

extension ArticleSummary: JSONReadable {
    /// Reads one from JSON, as its `Decodable` conformance decodes it.
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var id: String?
        var title: String?
        var path: String?
        var sources: [String]?
        var format: String?
        try reader.readObject { reader, key throws(JSONReadError) in
            switch key {
            case "id": id = try reader.readString()
            case "title": title = try reader.readString()
            case "path": path = try reader.readString()
            case "sources": sources = try reader.readStrings()
            case "format": format = try reader.readNull() ? nil : reader.readString()
            default: try reader.skipValue()
            }
        }
        guard let id else { throw reader.missing("id", in: "an article") }
        guard let title else { throw reader.missing("title", in: "an article") }
        guard let path else { throw reader.missing("path", in: "an article") }
        guard let sources else { throw reader.missing("sources", in: "an article") }
        self.init(id: id, title: title, path: path, sources: sources, format: format)
    }
}

extension PassageInfo: JSONReadable {
    /// Reads one from JSON, as its `Decodable` conformance decodes it.
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var id: String?
        var ordinal: Int?
        var section: String?
        var text: String?
        try reader.readObject { reader, key throws(JSONReadError) in
            switch key {
            case "id": id = try reader.readString()
            case "ordinal": ordinal = try reader.readInt()
            case "section": section = try reader.readNull() ? nil : reader.readString()
            case "text": text = try reader.readString()
            default: try reader.skipValue()
            }
        }
        guard let id else { throw reader.missing("id", in: "a passage") }
        guard let ordinal else { throw reader.missing("ordinal", in: "a passage") }
        guard let text else { throw reader.missing("text", in: "a passage") }
        self.init(id: id, ordinal: ordinal, section: section, text: text)
    }
}

extension TextRange: JSONReadable {
    /// Reads one from JSON, as its `Decodable` conformance decodes it.
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        let (start, end, startLine, startColumn, endLine, endColumn) = try reader.readSixIntegers(
            ("start", "end", "startLine", "startColumn", "endLine", "endColumn"), in: "a location")
        self.init(
            start: start, end: end, startLine: startLine, startColumn: startColumn, endLine: endLine,
            endColumn: endColumn)
    }
}

extension Highlight: JSONReadable {
    /// Reads one from JSON, as its `Decodable` conformance decodes it.
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        let (start, end, line, column, endLine, endColumn) = try reader.readSixIntegers(
            ("start", "end", "line", "column", "endLine", "endColumn"), in: "a highlight")
        self.init(start: start, end: end, line: line, column: column, endLine: endLine, endColumn: endColumn)
    }
}

extension JSONReader {
    /// An object of six required integers, in the order of `keys`; other keys are skipped.
    /// Locations and highlights are most of the numbers of a large answer: no arrays here.
    fileprivate mutating func readSixIntegers(
        _ keys: (String, String, String, String, String, String), in type: String
    ) throws(JSONReadError) -> (Int, Int, Int, Int, Int, Int) {
        var values: (Int?, Int?, Int?, Int?, Int?, Int?)
        try readObject { reader, key throws(JSONReadError) in
            switch key {
            case keys.0: values.0 = try reader.readInt()
            case keys.1: values.1 = try reader.readInt()
            case keys.2: values.2 = try reader.readInt()
            case keys.3: values.3 = try reader.readInt()
            case keys.4: values.4 = try reader.readInt()
            case keys.5: values.5 = try reader.readInt()
            default: try reader.skipValue()
            }
        }
        guard let first = values.0, let second = values.1, let third = values.2, let fourth = values.3,
            let fifth = values.4, let sixth = values.5
        else {
            let names = [keys.0, keys.1, keys.2, keys.3, keys.4, keys.5].joined(separator: ", ")
            throw failure("\(type) without all of \(names)")
        }
        return (first, second, third, fourth, fifth, sixth)
    }
}
