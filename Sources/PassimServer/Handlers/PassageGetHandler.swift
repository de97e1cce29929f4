import PassimCore
import PassimProtocol

/// `passage/get`: a passage and its neighbours, positions in the connection's encoding.
struct PassageGetHandler: MethodHandler {
    func handle(_ request: PassageGetRequest, context: RequestContext) async -> Result<PassageGetResult, ResponseError>
    {
        guard let id = PassimCore.PassageID(request.id) else {
            return .failure(
                .invalidParams(method: PassageGetRequest.method, "`id` must look like `<article id>#<ordinal>`"))
        }
        let context = context
        let encoding = context.connection.positionEncoding
        let sources = context.services.sources
        let neighbours = request.effectiveContext
        return await context.services.pool.run(context.token) { searcher in
            let found: PassageGetResult
            do throws(IndexError) {
                found = PassageGetResult(try searcher.passage(id, context: neighbours))
            } catch {
                return .failure(ErrorMapping.lookup(error, kind: .passage, id: request.id))
            }
            return sources.converted(found, to: encoding) { converter, value throws(PositionConversionError) in
                try converter.convert(value)
            }
        }
    }
}
