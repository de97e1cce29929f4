import NIOCore
import PassimCore
import PassimProtocol

/// `search`: ranked passages, the same result as `passim search --json`, with offsets and
/// columns in the connection's position encoding. A large page is searched in parts at once
/// (`SearchParts`).
struct SearchHandler: MethodHandler {
    /// A part's answer, and the index it read: its identity and revision (a rebuilt index can
    /// come back at the same revision).
    private typealias Part = (result: SearchResult, revision: IndexVersion)

    private struct IndexVersion: Equatable {
        var identity: String
        var revision: UInt64
    }

    func handle(
        _ request: PassimProtocol.SearchRequest, context: RequestContext
    ) async -> Result<SearchResult, ResponseError> {
        let core = SearchParameters(
            query: request.query, limit: request.effectiveLimit, offset: request.effectiveOffset,
            perArticle: request.perArticle, explain: request.explain ?? false, facets: request.facets ?? false)
        let result = await answer(core, context)
        let failure: ResponseError?
        if case .failure(let error) = result { failure = error } else { failure = nil }
        context.services.stats.recordSearch(error: failure, latency: NIODeadline.now() - context.received)
        return result
    }

    private func answer(_ request: SearchParameters, _ context: RequestContext) async -> Result<
        SearchResult, ResponseError
    > {
        let services = context.services
        let parts = SearchParts(
            request, threads: services.pool.threadCount, minimumHits: services.configuration.searchPartHits)
        var found: [Part] = []
        for answer in await services.pool.run(context.token, parts: parts.requests.map { search($0, context) }) {
            switch answer {
            case .success(let part): found.append(part)
            case .failure(let error): return .failure(error)
            }
        }
        if let page = SearchParts.merge(found) { return .success(page) }
        // The parts read different revisions (a commit came between them): search it whole.
        return await services.pool.run(context.token, search(request, context)).map(\.result)
    }

    /// The search of `request` on a searcher thread.
    private func search(
        _ request: SearchParameters, _ context: RequestContext
    ) -> @Sendable (Searcher) -> Result<Part, ResponseError> {
        let encoding = context.connection.positionEncoding
        let sources = context.services.sources
        return { searcher in
            let found: SearchResult
            let revision: IndexVersion
            do throws(SearchError) {
                found = SearchResult(try searcher.search(request))
            } catch {
                return .failure(
                    ErrorMapping.search(
                        error, method: PassimProtocol.SearchRequest.method, query: request.query, encoding: encoding))
            }
            do {
                revision = IndexVersion(identity: searcher.identity, revision: try searcher.revision())
            } catch {
                return .failure(ErrorMapping.indexUnavailable(error))
            }
            return sources.converted(found, to: encoding) { converter, value throws(PositionConversionError) in
                try converter.convert(value)
            }.map { (result: $0, revision: revision) }
        }
    }
}
