import NIOConcurrencyHelpers

/// How many of one connection's requests are running, against `maxRequestsPerConnection`, and
/// how many of its messages wait for the connection's reader task.
///
/// A request runs from either of two places: straight from the event loop (`RequestPipeline`)
/// or from the reader task, which gets what the event loop passes on. The event loop takes a
/// request only while nothing waits for the reader (`backlog` 0), so every message is still
/// acted on in the order it came, and only while the connection has room; otherwise the
/// message queues for the reader, which waits for room and so stops reading the connection.
final class RequestSlots: Sendable {
    private struct State {
        var running = 0
        var backlog = 0
        var waitingForRoom: CheckedContinuation<Void, Never>?
        var waitingForIdle: [CheckedContinuation<Void, Never>] = []
    }

    private let limit: Int
    private let state = NIOLockedValueBox(State())

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Whether nothing waits for the reader, so a message may be acted on at once.
    var backlogIsEmpty: Bool { state.withLockedValue { $0.backlog == 0 } }

    /// Takes a slot for a request started at once, if nothing waits for the reader and there
    /// is room; the caller calls `release` when its answer is written.
    func takeAtOnce() -> Bool {
        state.withLockedValue { state in
            guard state.backlog == 0, state.running < limit else { return false }
            state.running += 1
            return true
        }
    }

    /// A message was passed on to the reader.
    func queued() {
        state.withLockedValue { $0.backlog += 1 }
    }

    /// The reader has acted on a message it was passed.
    func dequeued() {
        state.withLockedValue { $0.backlog -= 1 }
    }

    /// Takes a slot, waiting for one if the connection has as many requests running as it
    /// may (the reader only: one waiter at a time).
    func take() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLockedValue { state in
                guard state.running >= limit else {
                    state.running += 1
                    return true
                }
                state.waitingForRoom = continuation
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Gives a slot back: to the reader if it waits for one.
    func release() {
        let resumed: [CheckedContinuation<Void, Never>] = state.withLockedValue { state in
            if let waiting = state.waitingForRoom {
                // The slot passes straight to the waiting reader.
                state.waitingForRoom = nil
                return [waiting]
            }
            state.running -= 1
            guard state.running == 0 else { return [] }
            defer { state.waitingForIdle = [] }
            return state.waitingForIdle
        }
        for continuation in resumed { continuation.resume() }
    }

    /// Returns once no request is running.
    func idle() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLockedValue { state in
                guard state.running > 0 else { return true }
                state.waitingForIdle.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }
}
