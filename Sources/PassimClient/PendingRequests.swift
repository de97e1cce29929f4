import NIOConcurrencyHelpers
import NIOCore
import PassimProtocol

/// The requests of one connection still waiting for their answer, and the `$/progress`
/// listeners by token, and the `index/didChange` listener. Shared by the caller's tasks and the
/// channel's `ResponseRouter`.
final class PendingRequests: Sendable {
    typealias ProgressListener = @Sendable (ProgressValue) -> Void
    typealias ChangeListener = @Sendable (IndexDidChangeNotification) -> Void

    private struct State {
        var waiting: [RequestID: EventLoopPromise<[UInt8]>] = [:]
        var listeners: [ProgressToken: ProgressListener] = [:]
        var changeListener: ChangeListener?
        /// Set when the connection closed: later requests fail at once.
        var closedWith: ClientError?
    }

    private let state = NIOLockedValueBox(State())

    /// Waits for the answer to `id`; fails at once when the connection is already closed.
    func register(_ id: RequestID, promise: EventLoopPromise<[UInt8]>) {
        let closed: ClientError? = state.withLockedValue { state in
            if let error = state.closedWith { return error }
            state.waiting[id] = promise
            return nil
        }
        if let closed { promise.fail(closed) }
    }

    /// Delivers the bytes of the response to `id`; an answer nobody waits for (it timed out) is dropped.
    func resolve(_ id: RequestID, with message: [UInt8]) {
        state.withLockedValue { $0.waiting.removeValue(forKey: id) }?.succeed(message)
    }

    /// Fails the request `id` if it is still waiting. Returns whether it was.
    @discardableResult
    func fail(_ id: RequestID, with error: ClientError) -> Bool {
        guard let promise = state.withLockedValue({ $0.waiting.removeValue(forKey: id) }) else { return false }
        promise.fail(error)
        return true
    }

    /// Fails every waiting request; with `closing`, requests registered later fail too.
    func failAll(with error: ClientError, closing: Bool) {
        let promises = state.withLockedValue { state in
            if closing && state.closedWith == nil { state.closedWith = error }
            defer { state.waiting.removeAll() }
            return Array(state.waiting.values)
        }
        for promise in promises { promise.fail(error) }
    }

    /// Sends `$/progress` with `token` to `listener` until `stopListening(token)`.
    func listen(_ token: ProgressToken, _ listener: @escaping ProgressListener) {
        state.withLockedValue { $0.listeners[token] = listener }
    }

    /// Stops delivering progress for `token`.
    func stopListening(_ token: ProgressToken) {
        state.withLockedValue { _ = $0.listeners.removeValue(forKey: token) }
    }

    /// Hands a `$/progress` notification to its token's listener, if any.
    func deliver(_ progress: ProgressNotification) {
        state.withLockedValue { $0.listeners[progress.token] }?(progress.value)
    }

    /// Sends every `index/didChange` to `listener` (nil stops).
    func listenForChanges(_ listener: ChangeListener?) {
        state.withLockedValue { $0.changeListener = listener }
    }

    /// Hands an `index/didChange` notification to the listener, if any.
    func deliver(_ change: IndexDidChangeNotification) {
        state.withLockedValue { $0.changeListener }?(change)
    }
}
