import PassimCore
import PassimProtocol

/// `article/get`: an article's metadata and, on request, its passages.
struct ArticleGetHandler: MethodHandler {
    func handle(_ request: ArticleGetRequest, context: RequestContext) async -> Result<ArticleGetResult, ResponseError>
    {
        let encoding = context.connection.positionEncoding
        let sources = context.services.sources
        return await context.services.pool.run(context.token) { searcher in
            let found: ArticleGetResult
            do throws(IndexError) {
                found = ArticleGetResult(
                    try searcher.article(request.id, includePassages: request.includePassages ?? false))
            } catch {
                return .failure(ErrorMapping.lookup(error, kind: .article, id: request.id))
            }
            return sources.converted(found, to: encoding) { converter, value throws(PositionConversionError) in
                try converter.convert(value)
            }
        }
    }
}
