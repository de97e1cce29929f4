import PassimCore
import PassimProtocol

/// `suggest`: indexed words completing a prefix, most frequent first.
struct SuggestHandler: MethodHandler {
    func handle(_ request: SuggestRequest, context: RequestContext) async -> Result<SuggestResult, ResponseError> {
        await context.services.pool.run(context.token) { searcher in
            do throws(IndexError) {
                let words = try searcher.completions(of: request.prefix, limit: request.effectiveLimit)
                return .success(SuggestResult(prefix: request.prefix, completions: words.map(Completion.init)))
            } catch {
                return .failure(ErrorMapping.indexUnavailable(error))
            }
        }
    }
}
