import Foundation
import PassimLSP
import PassimProtocol

/// A source that holds every search for `held` until it is cancelled (a search the user typed
/// past, still running), and passes the others to `inner`: how a test keeps a request pending.
struct GatedSource: PassageSource {
    let inner: any PassageSource
    let held: String

    func search(_ query: String, limit: Int) async throws(PassageSourceError) -> SearchResult {
        guard query == held else { return try await inner.search(query, limit: limit) }
        await Self.untilCancelled()
        throw .cancelled
    }

    /// Returns once the current task is cancelled (at once if it already is).
    static func untilCancelled() async {
        let state = CancelWaiter()
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in state.wait(continuation) }
        } onCancel: {
            state.cancel()
        }
    }
}

/// The continuation of a task waiting for its cancellation, and whether it came already.
private final class CancelWaiter: @unchecked Sendable {
    private let lock = NSLock()
    private var waiting: CheckedContinuation<Void, Never>?
    private var cancelled = false

    func wait(_ continuation: CheckedContinuation<Void, Never>) {
        lock.lock()
        if cancelled {
            lock.unlock()
            continuation.resume()
            return
        }
        waiting = continuation
        lock.unlock()
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let continuation = waiting
        waiting = nil
        lock.unlock()
        continuation?.resume()
    }
}
