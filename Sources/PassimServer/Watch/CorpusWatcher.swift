import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import PassimArticles
import PassimCore
import PassimProtocol

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps the index current with the files under its corpus roots.
///
/// It watches every folder under the roots with inotify (a file root through its folder) and,
/// once writes have settled, hands what changed to the daemon's writer: files written or moved
/// in are ingested, files deleted or moved away are removed, folders moved in or out are read or
/// forgotten whole. At start, and when the kernel's queue overflows, it compares every root with
/// the index instead (unchanged files cost a content hash, nothing more). When the writer is
/// busy (a client's ingest), the changes wait for the next turn. Linux only; elsewhere it logs
/// that it does not watch.
///
/// The inotify loop runs on a thread of its own; the batches it hands over are written by
/// `serve()`, a task of the daemon's, so they run where the daemon's work runs.
final class CorpusWatcher: Sendable {
    /// Writes a batch of changes; false when the writer was busy and they must wait.
    typealias Apply = @Sendable (CorpusChanges, [CorpusRoot]) async -> Bool

    private struct Control {
        var stopping = false
        var rootsMayHaveChanged = false
    }

    private let layout: IndexLayout
    private let settle: TimeAmount
    private let apply: Apply
    private let logger: Logger
    private let control = NIOLockedValueBox(Control())
    private let stopped = DispatchSemaphore(value: 0)
    private let batches: AsyncStream<Batch>
    private let handOver: AsyncStream<Batch>.Continuation
    /// The batch handed over and not answered yet: `serve` answers it if it ends first.
    private let inFlight = NIOLockedValueBox<Batch?>(nil)
    private let watching = NIOLockedValueBox<CorpusWatch?>(nil)

    /// What it watches, for `stats`; nil until its thread has started, or when it cannot watch.
    var watch: CorpusWatch? { watching.withLockedValue { $0 } }
    #if os(Linux)
        /// Ends the thread's wait for events when it is told to stop or to load the roots again.
        private let wakeup = Wakeup()
    #endif

    init(layout: IndexLayout, settle: TimeAmount, logger: Logger, apply: @escaping Apply) {
        self.layout = layout
        self.settle = settle
        self.logger = logger
        self.apply = apply
        (batches, handOver) = AsyncStream.makeStream(of: Batch.self)
    }

    /// Starts watching on a thread of its own.
    func start() {
        let thread = Thread { [self] in
            run()
            handOver.finish()
            stopped.signal()
        }
        thread.name = "passim-corpus-watcher"
        thread.start()
    }

    /// The index changed: its roots may have too (a client ingested a new folder).
    func rootsMayHaveChanged() {
        control.withLockedValue { $0.rootsMayHaveChanged = true }
        #if os(Linux)
            wakeup?.signal()
        #endif
    }

    /// Writes the batches the watching thread hands over, until it stops (or this task is
    /// cancelled: a batch then waits for the next turn).
    func serve() async {
        for await batch in batches {
            batch.answer(await apply(batch.changes, batch.roots))
        }
        inFlight.withLockedValue { $0 }?.answer(false)
    }

    /// Stops watching and waits for the thread (and a batch being written) to finish.
    func shutdown() async {
        control.withLockedValue { $0.stopping = true }
        #if os(Linux)
            wakeup?.signal()
        #endif
        let stopped = self.stopped
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                stopped.wait()
                continuation.resume()
            }
        }
    }

    private var isStopping: Bool { control.withLockedValue { $0.stopping } }

    #if os(Linux)
        private func run() {
            let inotify: Inotify
            do {
                inotify = try Inotify()
            } catch {
                logger.error("not watching the corpus", metadata: ["error": "\(error.message)"])
                return
            }
            var state = WatchState(inotify: inotify, logger: logger)
            state.load(Self.roots(of: layout))
            // What changed while no daemon watched: compare everything once.
            state.pending.rescan = true
            var lastEvent = NIODeadline.now() - settle
            let settleMilliseconds = Int32(clamping: settle.nanoseconds / 1_000_000)
            while !isStopping {
                let reload = control.withLockedValue { control in
                    defer { control.rootsMayHaveChanged = false }
                    return control.rootsMayHaveChanged
                }
                if reload { state.load(Self.roots(of: layout)) }
                watching.withLockedValue { $0 = state.watch }
                // Idle, it sleeps until an event or the wakeup; without an eventfd it looks for
                // a stop request four times a second.
                let idle: Int32 = wakeup == nil ? 250 : -1
                let events = inotify.events(
                    waiting: state.pending.isEmpty ? idle : max(10, settleMilliseconds), wakeup: wakeup)
                if !events.isEmpty {
                    for event in events { state.handle(event) }
                    lastEvent = .now()
                    continue
                }
                guard !state.pending.isEmpty, NIODeadline.now() - lastEvent >= settle else { continue }
                let batch = state.pending
                state.pending = CorpusChanges()
                if !write(batch, roots: state.roots) {
                    // The writer is busy: keep the batch (before anything newer) for the next turn.
                    var waiting = batch
                    waiting.merge(state.pending)
                    state.pending = waiting
                    lastEvent = .now()
                }
            }
        }
    #else
        private func run() {
            logger.notice("not watching the corpus: watching needs Linux's inotify")
        }
    #endif

    /// Hands a batch to `serve` and waits for it to be written; false when it must wait.
    private func write(_ changes: CorpusChanges, roots: [CorpusRoot]) -> Bool {
        let batch = Batch(changes: changes, roots: roots)
        inFlight.withLockedValue { $0 = batch }
        defer { inFlight.withLockedValue { $0 = nil } }
        guard case .enqueued = handOver.yield(batch) else { return false }
        return batch.written()
    }

    /// The index's roots, or none when it cannot be read (nothing ingested yet).
    private static func roots(of layout: IndexLayout) -> [CorpusRoot] {
        guard layout.exists else { return [] }
        return (try? Searcher(layout: layout).indexSummary().roots) ?? []
    }
}
