import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PassimCore
import PassimProtocol

/// A fixed set of threads that run index reads, each with its own `Searcher` (and so its own
/// Xapian database handle: Xapian objects must never be shared between threads).
///
/// A thread opens its searcher on first use and reopens it (`refresh`) when the index watcher
/// has seen a new revision since, so searches pick up commits without a restart. A stop
/// (cancel, deadline) answers the request at once; the thread's result is then dropped.
final class SearcherPool: Sendable {
    /// A thread's searcher and the index generation it last caught up with. Only ever touched
    /// by the thread that owns it (it lives in thread-local storage), hence unchecked.
    private final class Slot: @unchecked Sendable {
        var searcher: Searcher?
        var generation: UInt64 = 0
    }

    let layout: IndexLayout
    /// How many searches can run at once.
    let threadCount: Int
    private let threads: NIOThreadPool
    private let slots = ThreadSpecificVariable<Slot>()
    private let generation: IndexGeneration
    private let logger: Logger

    init(layout: IndexLayout, threadCount: Int, generation: IndexGeneration, logger: Logger) {
        self.layout = layout
        self.threadCount = max(1, threadCount)
        self.threads = NIOThreadPool(numberOfThreads: self.threadCount)
        self.generation = generation
        self.logger = logger
    }

    func start() {
        threads.start()
    }

    /// Waits for queued work to finish and stops the threads (closing their searchers).
    func shutdown() async {
        do {
            try await threads.shutdownGracefully()
        } catch {
            logger.warning("searcher threads did not stop cleanly", metadata: ["error": "\(error)"])
        }
    }

    /// Runs `body` with this thread's searcher, unless `token` stops the request first.
    func run<T: Sendable>(
        _ token: CancelToken, _ body: @escaping @Sendable (Searcher) -> Result<T, ResponseError>
    ) async -> Result<T, ResponseError> {
        await run(token, parts: [body])[0]
    }

    /// Runs every one of `parts` at once, each on a thread with its searcher (the parts of
    /// one request), unless `token` stops the request first: then every part not done yet is
    /// answered with the reason at once.
    func run<T: Sendable>(
        _ token: CancelToken, parts: [@Sendable (Searcher) -> Result<T, ResponseError>]
    ) async -> [Result<T, ResponseError>] {
        let outcomes = parts.map { _ in OneShot<Result<T, ResponseError>>() }
        token.onStop { reason in
            for outcome in outcomes { outcome.resolve(.failure(reason.responseError)) }
        }
        for (body, outcome) in zip(parts, outcomes) {
            threads.submit { [self] state in
                guard case .active = state else {
                    outcome.resolve(.failure(.serverShuttingDown()))
                    return
                }
                // Stopped while queued: skip the work.
                guard !outcome.isResolved else { return }
                outcome.resolve(withSearcher(body))
            }
        }
        var results: [Result<T, ResponseError>] = []
        for outcome in outcomes {
            results.append(
                await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, ResponseError>, Never>) in
                    outcome.install(continuation)
                })
        }
        token.clearHandler()
        return results
    }

    /// Runs on a pool thread.
    private func withSearcher<T>(_ body: (Searcher) -> Result<T, ResponseError>) -> Result<T, ResponseError> {
        let slot: Slot
        if let existing = slots.currentValue {
            slot = existing
        } else {
            slot = Slot()
            slots.currentValue = slot
        }
        let wanted = generation.current
        do {
            if let searcher = slot.searcher {
                if slot.generation != wanted {
                    try searcher.refresh()
                    slot.generation = wanted
                }
            } else {
                slot.searcher = try Searcher(layout: layout)
                slot.generation = wanted
            }
        } catch {
            slot.searcher = nil
            return .failure(ErrorMapping.indexUnavailable(error))
        }
        guard let searcher = slot.searcher else {
            return .failure(.internalError("no searcher after opening the index"))
        }
        let result = body(searcher)
        if case .failure(let error) = result, error.code == .indexUnavailable {
            // The database may be gone or replaced: start afresh next time.
            slot.searcher = nil
        }
        return result
    }
}

/// A value delivered once to a continuation, from whichever side gets there first.
final class OneShot<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, Never>?
        var resolved = false
        var early: Value?
    }

    private let state = NIOLockedValueBox(State())

    var isResolved: Bool { state.withLockedValue { $0.resolved } }

    func install(_ continuation: CheckedContinuation<Value, Never>) {
        let early: Value? = state.withLockedValue { state in
            if let early = state.early {
                state.early = nil
                return early
            }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(returning: early) }
    }

    func resolve(_ value: Value) {
        let continuation: CheckedContinuation<Value, Never>? = state.withLockedValue { state in
            guard !state.resolved else { return nil }
            state.resolved = true
            guard let continuation = state.continuation else {
                state.early = value
                return nil
            }
            state.continuation = nil
            return continuation
        }
        continuation?.resume(returning: value)
    }
}

/// A counter the watcher bumps on every new index revision; searchers compare it with the
/// value they last refreshed at (a cheap check instead of asking Xapian before each search).
final class IndexGeneration: Sendable {
    private let value = NIOLockedValueBox<UInt64>(0)

    var current: UInt64 { value.withLockedValue { $0 } }

    func advance() {
        value.withLockedValue { $0 += 1 }
    }
}
