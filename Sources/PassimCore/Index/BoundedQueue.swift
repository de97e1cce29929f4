import Foundation

/// A blocking first-in first-out queue of fixed capacity between threads: the producer waits
/// when the consumer falls behind, so memory stays bounded whatever the input's size.
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    let capacity: Int
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var items: [Element?]
    private var head = 0
    private var stored = 0
    private var closed = false
    private var cancelled = false

    init(capacity: Int) {
        precondition(capacity > 0, "a bounded queue needs room for one element")
        self.capacity = capacity
        items = Array(repeating: nil, count: capacity)
    }

    /// Elements waiting to be taken.
    var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return stored
    }

    /// Appends `element`, waiting for room. Returns false, dropping it, once the consumer cancelled.
    func push(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        precondition(!closed, "push after close")
        while stored == capacity && !cancelled {
            condition.wait()
        }
        guard !cancelled else { return false }
        items[(head + stored) % capacity] = element
        stored += 1
        condition.broadcast()
        return true
    }

    /// The next element, waiting for one; nil once the queue is closed and drained, or cancelled.
    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while stored == 0 && !closed && !cancelled {
            condition.wait()
        }
        guard stored > 0, !cancelled else { return nil }
        let element = items[head]
        items[head] = nil
        head = (head + 1) % capacity
        stored -= 1
        condition.broadcast()
        return element
    }

    /// No more elements will come: `pop` answers nil once the rest are taken.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Drops what is waiting and refuses what comes: the consumer stopped.
    func cancel() {
        condition.lock()
        cancelled = true
        items = Array(repeating: nil, count: capacity)
        stored = 0
        condition.broadcast()
        condition.unlock()
    }
}
