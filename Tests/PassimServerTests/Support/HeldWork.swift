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
        let answer = await SearchHandler().handle(request, context: context)
        if context.token.reason != nil { gate.noteStopped() }
        return answer
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
    private var stopped = 0
    private var isOpen = false

    /// How many holds have begun: searches that reached a searcher thread.
    var holds: Int {
        condition.lock()
        defer { condition.unlock() }
        return holding
    }

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

    /// A held search was stopped (cancel, deadline) and its handler has answered, stats counted.
    func noteStopped() {
        condition.lock()
        defer { condition.unlock() }
        stopped += 1
        condition.broadcast()
    }

    /// Blocks until `count` held searches were stopped and answered (a cancel the test sent
    /// has reached the daemon, whatever the scheduling of the test's and the daemon's threads);
    /// false when that has not happened within a minute.
    func waitUntilStopped(_ count: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let limit = Date(timeIntervalSinceNow: 60)
        while stopped < count {
            if !condition.wait(until: limit) { return stopped >= count }
        }
        return true
    }

    /// Blocks until `count` holds have begun (or the gate is open).
    func waitUntilHolding(_ count: Int) {
        condition.lock()
        defer { condition.unlock() }
        while holding < count && !isOpen { condition.wait() }
    }
}
