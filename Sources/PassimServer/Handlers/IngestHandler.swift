import PassimCore
import PassimProtocol

/// `ingest`: files or an inline text through the daemon's single writer, with `$/progress`
/// when the request carries a `workDoneToken`.
struct IngestHandler: MethodHandler {
    func handle(_ request: IngestRequest, context: RequestContext) async -> Result<IngestResult, ResponseError> {
        if let name = request.name, let problem = Ingestor.inlineNameProblem(name) {
            return .failure(.invalidParams(method: IngestRequest.method, problem))
        }
        let token = request.workDoneToken
        let context = context
        return await context.services.ingest.ingest(request, token: context.token) { value in
            guard let token else { return }
            context.notify(ProgressNotification(token: token, value: value))
        }
    }
}
