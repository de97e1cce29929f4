import PassimQuery
import PassimXapian

/// Facets: the match spy's count of matching passages per article, and per source host
/// through the articles' records.
extension Searcher {
    /// The facets of a search whose match counted the article slot over every match.
    func facets(from counts: [(value: String, count: Int)]) throws -> SearchFacets {
        var articles: [SearchFacets.ArticleCount] = []
        var sources: [String: Int] = [:]
        for (id, count) in counts {
            let record = try articleRecord(id)
            articles.append(SearchFacets.ArticleCount(article: record, count: count))
            // Each host once per article, as written (not its parent domains, which would count
            // the same passages again).
            for host in Set(record.sources.compactMap(SourceDomain.normalize)) {
                sources[host, default: 0] += count
            }
        }
        articles.sort { ($1.count, $0.article.id) < ($0.count, $1.article.id) }
        let hosts = sources.map { SearchFacets.SourceCount(domain: $0.key, count: $0.value) }
            .sorted { ($1.count, $0.domain) < ($0.count, $1.domain) }
        return SearchFacets(
            articles: Array(articles.prefix(SearchFacets.limit)), sources: Array(hosts.prefix(SearchFacets.limit)))
    }
}
