import NIOCore
import PassimCore
import PassimProtocol

/// `search`: ranked passages, the same result as `passim search --json`, with offsets and
/// columns in the connection's position encoding.
struct SearchHandler: MethodHandler {
    func handle(
        _ request: PassimProtocol.SearchRequest, context: RequestContext
    ) async -> Result<SearchResult, ResponseError> {
        let core = SearchParameters(
            query: request.query, limit: request.effectiveLimit, offset: request.effectiveOffset,
            perArticle: request.perArticle, explain: request.explain ?? false, facets: request.facets ?? false)
        let encoding = context.connection.positionEncoding
        let sources = context.services.sources
        let result = await context.services.pool.run(context.token) {
            (searcher: Searcher) -> Result<SearchResult, ResponseError> in
            let found: SearchResult
            do throws(SearchError) {
                found = SearchResult(try searcher.search(core))
            } catch {
                return .failure(
                    ErrorMapping.search(
                        error, method: PassimProtocol.SearchRequest.method, query: request.query, encoding: encoding))
            }
            return sources.converted(found, to: encoding) { converter, value throws(PositionConversionError) in
                try converter.convert(value)
            }
        }
        let failure: ResponseError?
        if case .failure(let error) = result { failure = error } else { failure = nil }
        context.services.stats.recordSearch(error: failure, latency: NIODeadline.now() - context.received)
        return result
    }
}
