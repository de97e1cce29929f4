import Foundation
import PassimProtocol

@testable import PassimServer

/// The daemon's own `search` handler behind a gate: each search first holds a searcher thread
/// until the test opens the gate, then runs as usual. A cancel, a deadline or a shutdown
/// thereby reliably arrives while the search is in flight or queued, without a clock.
struct HeldSearchHandler: MethodHandler {
    let gate: Gate

    func handle(
        _ request: PassimProtocol.SearchRequest, context: RequestContext
    ) async -> Result<SearchResult, ResponseError> {
        let gate = self.gate
        _ = await context.services.pool.run(context.token) { _ -> Result<Bool, ResponseError> in
            gate.hold()
            return .success(true)
        }
        // A request stopped meanwhile is answered by the real handler as it always is.
        return await SearchHandler().handle(request, context: context)
    }
}

/// `ingest` as the daemon answers it, except that the writer thread stops at the gate after
/// each article it reports (with `$/progress`) until the test opens it: a second ingest or a
/// cancel reliably arrives while the first is writing.
struct HeldIngestHandler: MethodHandler {
    let gate: Gate

    func handle(_ request: IngestRequest, context: RequestContext) async -> Result<IngestResult, ResponseError> {
        let token = request.workDoneToken
        let gate = self.gate
        return await context.services.ingest.ingest(request, token: context.token) { value in
            if let token { context.notify(ProgressNotification(token: token, value: value)) }
            if value.kind == .report { gate.hold() }
        }
    }
}

extension HandlerRegistry {
    /// The standard handlers with every search held at `gate`.
    static func holdingSearches(at gate: Gate) -> HandlerRegistry {
        standard.replacing(AnyMethodHandler(HeldSearchHandler(gate: gate)))
    }

    /// The standard handlers with every ingest held at `gate` after each article.
    static func holdingIngests(at gate: Gate) -> HandlerRegistry {
        standard.replacing(AnyMethodHandler(HeldIngestHandler(gate: gate)))
    }
}

/// Holds work until opened; counts the holds. Its state is guarded by its condition, hence
/// unchecked.
final class Gate: @unchecked Sendable {
    private let condition = NSCondition()
    private var holding = 0
    private var isOpen = false

    /// Runs on a worker thread: waits until the gate opens.
    func hold() {
        condition.lock()
        defer { condition.unlock() }
        holding += 1
        condition.broadcast()
        while !isOpen { condition.wait() }
    }

    /// Lets all held and future work through.
    func open() {
        condition.lock()
        defer { condition.unlock() }
        isOpen = true
        condition.broadcast()
    }

    /// Blocks until `count` holds have begun (or the gate is open).
    func waitUntilHolding(_ count: Int) {
        condition.lock()
        defer { condition.unlock() }
        while holding < count && !isOpen { condition.wait() }
    }
}
