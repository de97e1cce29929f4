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
        await withCheckedContinuation { continuation in
            submit(token, parts: parts) { continuation.resume(returning: $0) }
        }
    }

    /// `run` without a task: `completion` gets the parts' results, in order, on the thread
    /// that resolved the last of them (a searcher thread, or the one that stopped the request).
    /// A request read on an event loop is answered from there, with no hand-off through
    /// Swift's task executor on the way in or out.
    func submit<T: Sendable>(
        _ token: CancelToken, parts: [@Sendable (Searcher) -> Result<T, ResponseError>],
        completion: @escaping @Sendable ([Result<T, ResponseError>]) -> Void
    ) {
        let outcomes = PartOutcomes<T>(count: parts.count) { results in
            token.clearHandler()
            completion(results)
        }
        token.onStop { reason in outcomes.resolveRemaining(.failure(reason.responseError)) }
        for (index, body) in parts.enumerated() {
            threads.submit { [self] state in
                guard case .active = state else {
                    outcomes.resolve(index, .failure(.serverShuttingDown()))
                    return
                }
                // Stopped while queued: skip the work.
                guard !outcomes.isResolved(index) else { return }
                outcomes.resolve(index, withSearcher(body))
            }
        }
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

/// A counter the watcher bumps on every new index revision; searchers compare it with the
/// value they last refreshed at (a cheap check instead of asking Xapian before each search).
final class IndexGeneration: Sendable {
    private let value = NIOLockedValueBox<UInt64>(0)

    var current: UInt64 { value.withLockedValue { $0 } }

    func advance() {
        value.withLockedValue { $0 += 1 }
    }
}
