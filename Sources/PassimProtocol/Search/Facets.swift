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
