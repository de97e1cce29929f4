import NIOConcurrencyHelpers
import PassimProtocol

/// Why a request stopped before its work finished.
enum StopReason: Sendable, Hashable {
    /// The client sent `$/cancelRequest`.
    case cancelled
    /// The request's `deadlineMs` passed.
    case deadlineExceeded(deadlineMs: Int)
    /// The server is stopping.
    case shuttingDown
    /// The client closed its connection: nobody is left to read the answer.
    case disconnected

    /// The error the request is answered with.
    var responseError: ResponseError {
        switch self {
        case .cancelled, .disconnected: return .requestCancelled()
        case .deadlineExceeded(let deadlineMs): return .deadlineExceeded(deadlineMs: deadlineMs)
        case .shuttingDown: return .serverShuttingDown()
        }
    }
}

/// The stop switch of one request, flipped by `$/cancelRequest`, by its deadline, or by its
/// client's leaving.
///
/// Work in progress on a searcher thread cannot be interrupted (Xapian has no hook for it), so
/// stopping answers the request at once and the thread's eventual result is dropped.
final class CancelToken: Sendable {
    private struct State {
        var reason: StopReason?
        var onStop: (@Sendable (StopReason) -> Void)?
    }

    private let state = NIOLockedValueBox(State())

    /// Why the request was stopped, or nil while it may go on.
    var reason: StopReason? { state.withLockedValue { $0.reason } }

    /// Stops the request; only the first call counts.
    func stop(_ reason: StopReason) {
        let handler: (@Sendable (StopReason) -> Void)? = state.withLockedValue { state in
            guard state.reason == nil else { return nil }
            state.reason = reason
            defer { state.onStop = nil }
            return state.onStop
        }
        handler?(reason)
    }

    /// Calls `handler` when the request is stopped (at once if it already was).
    func onStop(_ handler: @escaping @Sendable (StopReason) -> Void) {
        let stopped: StopReason? = state.withLockedValue { state in
            if let reason = state.reason { return reason }
            state.onStop = handler
            return nil
        }
        if let stopped { handler(stopped) }
    }

    /// Forgets the handler once the work is done.
    func clearHandler() {
        state.withLockedValue { $0.onStop = nil }
    }
}
