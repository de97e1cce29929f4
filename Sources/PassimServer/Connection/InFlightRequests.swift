import NIOConcurrencyHelpers
import PassimProtocol

/// The requests of one connection that have not been answered yet, by id, so
/// `$/cancelRequest` can find them, and so that all of them stop when the client is gone.
final class InFlightRequests: Sendable {
    private struct State {
        var tokens: [RequestID: CancelToken] = [:]
        /// Set once the connection is closed: every request still to come is stopped at once.
        var stopped: StopReason?
    }

    private let state = NIOLockedValueBox(State())

    /// Registers request `id`; nil when a request with that id is still running (ids must be
    /// unique among a connection's pending requests, or answers could not be told apart).
    /// After `stopAll`, the token is stopped already.
    func begin(_ id: RequestID) -> CancelToken? {
        let (token, stopped): (CancelToken?, StopReason?) = state.withLockedValue { state in
            guard state.tokens[id] == nil else { return (nil, nil) }
            let token = CancelToken()
            state.tokens[id] = token
            return (token, state.stopped)
        }
        if let token, let stopped { token.stop(stopped) }
        return token
    }

    func end(_ id: RequestID) {
        state.withLockedValue { _ = $0.tokens.removeValue(forKey: id) }
    }

    /// Stops request `id` if it is still running; unknown ids are ignored, as LSP says.
    func cancel(_ id: RequestID) -> Bool {
        guard let token = state.withLockedValue({ $0.tokens[id] }) else { return false }
        token.stop(.cancelled)
        return true
    }

    /// Stops every request still running and every one begun from now on; how many were running.
    @discardableResult
    func stopAll(_ reason: StopReason) -> Int {
        let running = state.withLockedValue { state in
            state.stopped = state.stopped ?? reason
            return Array(state.tokens.values)
        }
        for token in running { token.stop(reason) }
        return running.count
    }
}
