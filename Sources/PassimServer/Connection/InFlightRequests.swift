import NIOConcurrencyHelpers
import PassimProtocol

/// The requests of one connection that have not been answered yet, by id, so
/// `$/cancelRequest` can find them.
final class InFlightRequests: Sendable {
    private let tokens = NIOLockedValueBox<[RequestID: CancelToken]>([:])

    /// Registers request `id`; nil when a request with that id is still running (ids must be
    /// unique among a connection's pending requests, or answers could not be told apart).
    func begin(_ id: RequestID) -> CancelToken? {
        tokens.withLockedValue { tokens in
            guard tokens[id] == nil else { return nil }
            let token = CancelToken()
            tokens[id] = token
            return token
        }
    }

    func end(_ id: RequestID) {
        tokens.withLockedValue { _ = $0.removeValue(forKey: id) }
    }

    /// Stops request `id` if it is still running; unknown ids are ignored, as LSP says.
    func cancel(_ id: RequestID) -> Bool {
        guard let token = tokens.withLockedValue({ $0[id] }) else { return false }
        token.stop(.cancelled)
        return true
    }
}
