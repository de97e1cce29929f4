// The search answer writes itself (see `JSONBytes`): keys in sorted order, optionals left out
// when nil, as the synthesized `Encodable` conformances do.

extension SearchResult: JSONBytesWritable {
    public func write(to json: inout JSONBytes) {
        json.beginObject()
        if let correctedQuery {
            json.key("correctedQuery")
            json.value(correctedQuery)
        }
        json.key("estimatedTotal")
        json.value(estimatedTotal)
        if let facets {
            json.key("facets")
            json.value(facets)
        }
        json.key("hits")
        json.value(hits)
        json.key("query")
        json.value(query)
        if let readAsText {
            json.key("readAsText")
            json.value(readAsText)
        }
        json.endObject()
    }
}

extension ReadAsText: JSONBytesWritable {
    public func write(to json: inout JSONBytes) {
        json.beginObject()
        json.key("offset")
        json.value(offset)
        json.key("reason")
        json.value(reason)
        json.key("text")
        json.value(text)
        json.endObject()
    }
}

extension SearchHit: JSONBytesWritable {
    public func write(to json: inout JSONBytes) {
        json.beginObject()
        json.key("article")
        json.value(article)
        if let explanation {
            json.key("explanation")
            json.value(explanation)
        }
        json.key("highlights")
        json.value(highlights)
        json.key("location")
        json.value(location)
        json.key("passage")
        json.value(passage)
        json.key("rank")
        json.value(rank)
        json.key("score")
        json.value(score)
        if let sectionHighlights {
            json.key("sectionHighlights")
            json.value(sectionHighlights)
        }
        if let stale {
            json.key("stale")
            json.value(stale)
        }
        if let titleHighlights {
            json.key("titleHighlights")
            json.value(titleHighlights)
        }
        json.endObject()
    }
}

extension ScoreContribution: JSONBytesWritable {
    public func write(to json: inout JSONBytes) {
        json.beginObject()
        json.key("kind")
        json.value(kind)
        if let occurrences {
            json.key("occurrences")
            json.value(occurrences)
        }
        json.key("query")
        json.value(query)
        if let synonyms {
            json.key("synonyms")
            json.value(synonyms)
        }
        json.key("weight")
        json.value(weight)
        json.endObject()
    }
}

extension WordOccurrences: JSONBytesWritable {
    public func write(to json: inout JSONBytes) {
        json.beginObject()
        json.key("heading")
        json.value(heading)
        json.key("text")
        json.value(text)
        json.key("title")
        json.value(title)
        json.endObject()
    }
}

extension Span: JSONBytesWritable {
    public func write(to json: inout JSONBytes) {
        json.beginObject()
        json.key("end")
        json.value(end)
        json.key("start")
        json.value(start)
        json.endObject()
    }
}

extension ArticleSummary: JSONBytesWritable {
    public func write(to json: inout JSONBytes) {
        json.beginObject()
        if let format {
            json.key("format")
            json.value(format)
        }
        json.key("id")
        json.value(id)
        json.key("path")
        json.value(path)
        json.key("sources")
        json.value(sources)
        json.key("title")
        json.value(title)
        json.endObject()
    }
}

extension PassageInfo: JSONBytesWritable {
    public func write(to json: inout JSONBytes) {
        json.beginObject()
        json.key("id")
        json.value(id)
        json.key("ordinal")
        json.value(ordinal)
        if let section {
            json.key("section")
            json.value(section)
        }
        json.key("text")
        json.value(text)
        json.endObject()
    }
}

extension TextRange: JSONBytesWritable {
    public func write(to json: inout JSONBytes) {
        json.beginObject()
        json.key("end")
        json.value(end)
        json.key("endColumn")
        json.value(endColumn)
        json.key("endLine")
        json.value(endLine)
        json.key("start")
        json.value(start)
        json.key("startColumn")
        json.value(startColumn)
        json.key("startLine")
        json.value(startLine)
        json.endObject()
    }
}

extension Highlight: JSONBytesWritable {
    public func write(to json: inout JSONBytes) {
        json.beginObject()
        json.key("column")
        json.value(column)
        json.key("end")
        json.value(end)
        json.key("endColumn")
        json.value(endColumn)
        json.key("endLine")
        json.value(endLine)
        json.key("line")
        json.value(line)
        json.key("start")
        json.value(start)
        json.endObject()
    }
}

extension RequestID: JSONBytesWritable {
    public func write(to json: inout JSONBytes) {
        switch self {
        case .number(let number): json.value(number)
        case .string(let string): json.value(string)
        }
    }
}
