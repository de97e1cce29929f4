/// Where a search's matches are, over every match (protocol 1.5, with `facets: true`).
public struct Facets: Codable, Sendable, Hashable {
    /// Articles with matching passages, most first, at most 20.
    public var articles: [ArticleFacet]
    /// Source hosts cited by articles with matching passages, with those articles' matching
    /// passages, most first, at most 20.
    public var sources: [SourceFacet]

    public init(articles: [ArticleFacet], sources: [SourceFacet]) {
        self.articles = articles
        self.sources = sources
    }
}

/// An article and how many of its passages match.
public struct ArticleFacet: Codable, Sendable, Hashable {
    public var id: String
    public var title: String
    /// Absolute path of the source file.
    public var path: String
    public var count: Int

    public init(id: String, title: String, path: String, count: Int) {
        self.id = id
        self.title = title
        self.path = path
        self.count = count
    }
}

/// A source host (`nih.gov`, as `source:` takes it) and the matching passages of the articles
/// that cite it.
public struct SourceFacet: Codable, Sendable, Hashable {
    public var domain: String
    public var count: Int

    public init(domain: String, count: Int) {
        self.domain = domain
        self.count = count
    }
}

extension Facets: JSONBytesWritable {
    public func write(to json: inout JSONBytes) {
        json.beginObject()
        json.key("articles")
        json.value(articles)
        json.key("sources")
        json.value(sources)
        json.endObject()
    }
}

extension ArticleFacet: JSONBytesWritable {
    public func write(to json: inout JSONBytes) {
        json.beginObject()
        json.key("count")
        json.value(count)
        json.key("id")
        json.value(id)
        json.key("path")
        json.value(path)
        json.key("title")
        json.value(title)
        json.endObject()
    }
}

extension SourceFacet: JSONBytesWritable {
    public func write(to json: inout JSONBytes) {
        json.beginObject()
        json.key("count")
        json.value(count)
        json.key("domain")
        json.value(domain)
        json.endObject()
    }
}

extension Facets: JSONReadable {
    /// Reads one from JSON, as its `Decodable` conformance decodes it.
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var articles: [ArticleFacet]?
        var sources: [SourceFacet]?
        try reader.readObject { reader, key throws(JSONReadError) in
            switch key {
            case "articles": articles = try reader.readArray(of: ArticleFacet.self)
            case "sources": sources = try reader.readArray(of: SourceFacet.self)
            default: try reader.skipValue()
            }
        }
        guard let articles, let sources else {
            throw reader.missing(articles == nil ? "articles" : "sources", in: "facets")
        }
        self.init(articles: articles, sources: sources)
    }
}

extension ArticleFacet: JSONReadable {
    /// Reads one from JSON, as its `Decodable` conformance decodes it.
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var id: String?
        var title: String?
        var path: String?
        var count: Int?
        try reader.readObject { reader, key throws(JSONReadError) in
            switch key {
            case "id": id = try reader.readString()
            case "title": title = try reader.readString()
            case "path": path = try reader.readString()
            case "count": count = try reader.readInt()
            default: try reader.skipValue()
            }
        }
        guard let id else { throw reader.missing("id", in: "an article facet") }
        guard let title else { throw reader.missing("title", in: "an article facet") }
        guard let path else { throw reader.missing("path", in: "an article facet") }
        guard let count else { throw reader.missing("count", in: "an article facet") }
        self.init(id: id, title: title, path: path, count: count)
    }
}

extension SourceFacet: JSONReadable {
    /// Reads one from JSON, as its `Decodable` conformance decodes it.
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var domain: String?
        var count: Int?
        try reader.readObject { reader, key throws(JSONReadError) in
            switch key {
            case "domain": domain = try reader.readString()
            case "count": count = try reader.readInt()
            default: try reader.skipValue()
            }
        }
        guard let domain, let count else {
            throw reader.missing(domain == nil ? "domain" : "count", in: "a source facet")
        }
        self.init(domain: domain, count: count)
    }
}
