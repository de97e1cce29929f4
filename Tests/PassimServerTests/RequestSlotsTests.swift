import Foundation
import PassimProtocol
import Testing

@testable import PassimServer

/// The bookkeeping that lets a request run straight from the event loop without breaking the
/// connection's order or its limit: `RequestSlots`, and `PartOutcomes`, which hands a request's
/// parts on when the last is settled.
@Suite struct RequestSlotsTests {
    @Test func theEventLoopTakesARequestOnlyWithRoomAndNothingQueuedForTheReader() {
        let slots = RequestSlots(limit: 2)
        #expect(slots.takeAtOnce())
        // A message waits for the reader: later ones must wait behind it.
        slots.queued()
        #expect(!slots.backlogIsEmpty)
        #expect(!slots.takeAtOnce())
        slots.dequeued()
        #expect(slots.takeAtOnce())
        // Full.
        #expect(!slots.takeAtOnce())
        slots.release()
        #expect(slots.takeAtOnce())
    }

    @Test func theReaderWaitsForRoomAndGetsTheNextSlotFreed() async {
        let slots = RequestSlots(limit: 1)
        #expect(slots.takeAtOnce())
        let reader = Task {
            await slots.take()
            return true
        }
        // The slot passes to the waiting reader; the event loop gets none meanwhile.
        slots.release()
        #expect(await reader.value)
        #expect(!slots.takeAtOnce())
        slots.release()
        #expect(slots.takeAtOnce())
        slots.release()
    }

    @Test func idleWaitsForEveryRunningRequest() async {
        let slots = RequestSlots(limit: 4)
        await slots.idle()
        #expect(slots.takeAtOnce())
        await slots.take()
        let idle = Task { await slots.idle() }
        slots.release()
        slots.release()
        await idle.value
    }

    @Test func partsAreHandedOnInOrderOnceWhenTheLastIsSettled() {
        let handed = Box<[[Result<Int, ResponseError>]]>([])
        let outcomes = PartOutcomes<Int>(count: 3) { results in handed.update { $0.append(results) } }
        outcomes.resolve(2, .success(30))
        outcomes.resolve(0, .success(10))
        #expect(handed.value.isEmpty)
        #expect(outcomes.isResolved(0) && !outcomes.isResolved(1))
        // A stop settles the rest; a searcher's late result is dropped.
        outcomes.resolveRemaining(.failure(.requestCancelled()))
        outcomes.resolve(1, .success(20))
        #expect(handed.value == [[.success(10), .failure(.requestCancelled()), .success(30)]])
    }
}

/// A value shared with a closure that may run on another thread.
private final class Box<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) {
        stored = value
    }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    func update(_ change: (inout Value) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        change(&stored)
    }
}
