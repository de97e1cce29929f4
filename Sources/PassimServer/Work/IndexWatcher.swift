import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PassimCore
import PassimProtocol

/// Notices new index revisions, whoever committed them (the daemon's own ingest or an
/// external `passim ingest`), bumps the generation searchers refresh at, and tells subscribers
/// what changed.
///
/// It reads the revision on its own thread with its own `Searcher` (`refresh` is Xapian's
/// cheap `reopen`) when `IndexCommitSignal` says the index's files changed, so an idle daemon
/// does not wake up to look; an index inotify cannot watch is polled every `interval`. What
/// changed is read from the index's article journal, in proportion to the change and not to the
/// index, so neither start nor a one-article ingest pays for the size of the corpus. When the
/// journal cannot reach back (the index was rebuilt, or more than the journal's 1,000 commits
/// happened between two checks) the change is announced with empty lists, which PROTOCOL.md
/// defines as "something changed, refresh everything".
final class IndexWatcher: Sendable {
    /// A committed change as subscribers see it.
    struct Change: Sendable {
        var revision: Int
        var added: [String]
        var updated: [String]
        var removed: [String]

        var notification: IndexDidChangeNotification {
            IndexDidChangeNotification(revision: revision, added: added, updated: updated, removed: removed)
        }
    }

    /// State used only on the watcher's one thread (its closures run there one at a time),
    /// hence unchecked: no two threads ever touch it.
    private final class Snapshot: @unchecked Sendable {
        var searcher: Searcher?
        var revision: UInt64?
        /// The index's identity at `revision`: a rebuilt index may come back at the same one.
        var identity: String?
        /// Where the journal stood at `revision`.
        var journal: JournalPosition?
        /// A sharded index's shards as last inspected, and when.
        var shards: [ShardSummary] = []
        var shardsInspected: ContinuousClock.Instant?
        /// The index as the last successful check saw it.
        var info: IndexInfo?
        /// The last failure logged, so a shard that stays down is not logged at every check.
        var lastFailure: String?

        /// The shards, inspected again after a new revision or when the last look is old:
        /// each look opens every shard (a new connection to each remote one).
        func shards(of layout: IndexLayout, revisionChanged: Bool) -> [ShardSummary] {
            let now = ContinuousClock.now
            if revisionChanged || shardsInspected.map({ now - $0 > IndexWatcher.shardInspectionInterval }) ?? true {
                shards = ShardInspection.shards(of: layout)
                shardsInspected = now
            }
            return shards
        }
    }

    /// How often the shards' states are looked at again when nothing changed.
    static let shardInspectionInterval = Duration.seconds(5)

    /// What one check found.
    private struct Outcome: Sendable {
        var revision: Int?
        var change: Change?
        var info: IndexInfo?
    }

    /// The index as of the last check, for `initialize` and `stats`: they answer from here so
    /// they never wait behind searches for a searcher thread.
    var indexInfo: IndexInfo? { latest.withLockedValue { $0 } }
    private let latest = NIOLockedValueBox<IndexInfo?>(nil)

    private let layout: IndexLayout
    private let thread = NIOThreadPool(numberOfThreads: 1)
    private let snapshot = Snapshot()
    private let generation: IndexGeneration
    private let interval: TimeAmount
    private let recheck: TimeAmount
    private let logger: Logger
    private let onChange: @Sendable (Change) -> Void
    #if os(Linux)
        private let signal: IndexCommitSignal?
    #endif

    /// A watcher of `layout` that polls every `interval` an index it cannot watch, and checks
    /// one it watches every `recheck` as well.
    init(
        layout: IndexLayout, generation: IndexGeneration, interval: TimeAmount, recheck: TimeAmount,
        logger: Logger, onChange: @escaping @Sendable (Change) -> Void
    ) {
        self.layout = layout
        self.generation = generation
        self.interval = interval
        self.recheck = recheck
        self.logger = logger
        self.onChange = onChange
        #if os(Linux)
            signal = IndexCommitSignal(
                layout: layout, pollInterval: .nanoseconds(interval.nanoseconds),
                recheck: .nanoseconds(recheck.nanoseconds))
            if signal == nil { logger.notice("polling the index revision: no inotify instance or eventfd to spare") }
        #endif
    }

    /// How commits by other processes are noticed, for `stats`.
    var watch: IndexWatch {
        let polled = IndexWatch(mode: .polling, reason: "no inotify", intervalMs: Int(interval.nanoseconds / 1_000_000))
        #if os(Linux)
            guard let signal else { return polled }
            if let reason = signal.pollReason {
                return IndexWatch(mode: .polling, reason: reason, intervalMs: polled.intervalMs)
            }
            return IndexWatch(mode: .inotify, intervalMs: Int(recheck.nanoseconds / 1_000_000))
        #else
            return polled
        #endif
    }

    /// Starts the thread and takes the first snapshot (no notification for it).
    func start() async {
        thread.start()
        // The watches first: the first check then sees whatever they do not.
        #if os(Linux)
            signal?.start()
        #endif
        _ = await check(notify: false)
    }

    /// Checks at each nudge (or poll) until the task is cancelled.
    func run() async {
        #if os(Linux)
            if let signal {
                for await _ in signal.nudges {
                    _ = await check(notify: true)
                }
                await signal.stop()
                return
            }
        #endif
        while !Task.isCancelled {
            do {
                try await Task.sleep(nanoseconds: UInt64(interval.nanoseconds))
            } catch {
                return
            }
            _ = await check(notify: true)
        }
    }

    /// Checks now (after the daemon's own ingest); returns the revision it sees.
    func checkNow() async -> Int? {
        await check(notify: true)
    }

    func shutdown() async {
        #if os(Linux)
            await signal?.stop()
        #endif
        try? await thread.shutdownGracefully()
    }

    private func check(notify: Bool) async -> Int? {
        let snapshot = self.snapshot
        let layout = self.layout
        let logger = self.logger
        let outcome: Outcome
        do {
            outcome = try await thread.runIfActive { Self.advance(snapshot, layout: layout, logger: logger) }
        } catch {
            return nil
        }
        latest.withLockedValue { $0 = outcome.info }
        if let change = outcome.change {
            generation.advance()
            logger.info(
                "index revision changed",
                metadata: [
                    "revision": "\(change.revision)", "added": "\(change.added.count)",
                    "updated": "\(change.updated.count)", "removed": "\(change.removed.count)",
                ])
            if notify { onChange(change) }
        }
        return outcome.revision
    }

    /// Runs on the watcher thread: reopens, and reads the journal if the revision moved.
    private static func advance(_ snapshot: Snapshot, layout: IndexLayout, logger: Logger) -> Outcome {
        do {
            let searcher: Searcher
            if let open = snapshot.searcher {
                searcher = open
                try searcher.refresh()
            } else {
                guard layout.exists else { return Outcome() }
                searcher = try Searcher(layout: layout)
                snapshot.searcher = searcher
            }
            let summary = try searcher.indexSummary()
            let revision = summary.revision
            let rebuilt = searcher.identity != snapshot.identity
            let info = IndexInfo(
                summary, shards: snapshot.shards(of: layout, revisionChanged: revision != snapshot.revision || rebuilt))
            snapshot.lastFailure = nil
            snapshot.info = info
            guard revision != snapshot.revision || rebuilt else { return Outcome(revision: info.revision, info: info) }
            // Another index's journal position means nothing here: announce a whole change.
            let changes = try snapshot.journal.flatMap { position throws(IndexError) in
                rebuilt ? nil : try searcher.articleChanges(since: position)
            }
            let change = Change(
                revision: info.revision, added: changes?.added ?? [], updated: changes?.updated ?? [],
                removed: changes?.removed ?? [])
            snapshot.journal = try changes?.position ?? searcher.journalPosition()
            snapshot.revision = revision
            snapshot.identity = searcher.identity
            return Outcome(revision: info.revision, change: change, info: info)
        } catch {
            let message = "\(error)"
            if snapshot.lastFailure != message {
                logger.warning("cannot read the index revision", metadata: ["error": "\(message)"])
                snapshot.lastFailure = message
            }
            snapshot.searcher = nil
            // A sharded index with a shard down still shows which one, through `stats`.
            guard layout.isSharded, var info = snapshot.info else { return Outcome() }
            info.shards = snapshot.shards(of: layout, revisionChanged: false).map(ShardInfo.init)
            return Outcome(info: info)
        }
    }
}
