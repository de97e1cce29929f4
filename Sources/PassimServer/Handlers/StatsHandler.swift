import PassimProtocol

/// `stats`: what `passim status` shows.
struct StatsHandler: MethodHandler {
    func handle(_ request: StatsRequest, context: RequestContext) async -> Result<StatsResult, ResponseError> {
        let services = context.services
        let stats = services.stats
        return .success(
            StatsResult(
                serverInfo: services.configuration.serverInfo, protocolVersion: .current,
                index: services.indexInfo, uptimeSeconds: stats.uptimeSeconds,
                connections: stats.connections, queries: stats.queries, latencyMs: stats.latency,
                watching: WatchInfo(index: services.watcher.watch, corpus: services.corpus?.watch)))
    }
}
