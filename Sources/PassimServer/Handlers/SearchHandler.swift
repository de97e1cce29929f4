import NIOCore
import PassimCore
import PassimProtocol

/// `search`: ranked passages, the same result as `passim search --json`, with offsets and
/// columns in the connection's position encoding. A large page is searched in parts at once
/// (`SearchParts`).
struct SearchHandler: DirectMethodHandler {
    typealias Request = PassimProtocol.SearchRequest

    /// A part's answer, and the index revision it read.
    private typealias Part = (result: SearchResult, revision: UInt64)
    typealias Reply = @Sendable (Result<SearchResult, ResponseError>) -> Void

    func start(_ request: PassimProtocol.SearchRequest, context: RequestContext, reply: @escaping Reply) {
        let core = SearchParameters(
            query: request.query, limit: request.effectiveLimit, offset: request.effectiveOffset,
            perArticle: request.perArticle, explain: request.explain ?? false, facets: request.facets ?? false)
        let stats = context.services.stats
        let received = context.received
        answer(core, context) { result in
            let failure: ResponseError?
            if case .failure(let error) = result { failure = error } else { failure = nil }
            stats.recordSearch(error: failure, latency: NIODeadline.now() - received)
            reply(result)
        }
    }

    private func answer(_ request: SearchParameters, _ context: RequestContext, then reply: @escaping Reply) {
        let pool = context.services.pool
        let parts = SearchParts(
            request, threads: pool.threadCount, minimumHits: context.services.configuration.searchPartHits)
        let whole = search(request, context)
        pool.submit(context.token, parts: parts.requests.map { search($0, context) }) { answers in
            var found: [Part] = []
            for answer in answers {
                switch answer {
                case .success(let part): found.append(part)
                case .failure(let error): return reply(.failure(error))
                }
            }
            if let page = SearchParts.merge(found) { return reply(.success(page)) }
            // The parts read different revisions (a commit came between them): search it whole.
            pool.submit(context.token, parts: [whole]) { answers in
                reply(answers.first.map { $0.map(\.result) } ?? .failure(.internalError("no answer from the searcher")))
            }
        }
    }

    /// The search of `request` on a searcher thread.
    private func search(
        _ request: SearchParameters, _ context: RequestContext
    ) -> @Sendable (Searcher) -> Result<Part, ResponseError> {
        let encoding = context.connection.positionEncoding
        let sources = context.services.sources
        return { searcher in
            let found: SearchResult
            let revision: UInt64
            do throws(SearchError) {
                found = SearchResult(try searcher.search(request))
            } catch {
                return .failure(
                    ErrorMapping.search(
                        error, method: PassimProtocol.SearchRequest.method, query: request.query, encoding: encoding))
            }
            do {
                revision = try searcher.revision()
            } catch {
                return .failure(ErrorMapping.indexUnavailable(error))
            }
            return sources.converted(found, to: encoding) { converter, value throws(PositionConversionError) in
                try converter.convert(value)
            }.map { (result: $0, revision: revision) }
        }
    }
}
