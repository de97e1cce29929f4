#if os(Linux)
    import Foundation
    import Glibc
    import Logging
    import NIOConcurrencyHelpers
    import PassimCore

    /// Nudges the index watcher when the index's files may have changed, so that it reads the
    /// revision then instead of on a timer.
    ///
    /// Glass commits by renaming a new version file over `iamglass` (a fresh build moves one in
    /// last), and a rebuilt or newly sharded index replaces `db` in the index directory. So this
    /// watches the index directory and each local database folder for those entries, and for
    /// the folders themselves going, and nudges after each batch of such events. The watches are
    /// placed again after each wait, as a folder may have been replaced, and a folder watched
    /// anew is one more nudge: it may have changed before its watch. An index whose changes
    /// inotify cannot see is nudged every `pollInterval` instead: one on a network file system
    /// (inotify sees only this machine's writes), one with remote shards, and a replica
    /// (`xapian-replicate` updates it inside folders the stub does not name). A watched index is
    /// nudged every `recheck` as well, in case a change came in a way the watches miss.
    final class IndexCommitSignal: Sendable {
        private enum State {
            case idle, running, stopped
        }

        /// One nudge per batch of changes or end of a wait; a nudge not taken yet absorbs the next.
        let nudges: AsyncStream<Void>
        private let continuation: AsyncStream<Void>.Continuation
        private let layout: IndexLayout
        private let pollMilliseconds: Int32
        private let recheckMilliseconds: Int32
        /// Touched only by the watch thread once `init` has made it.
        private nonisolated(unsafe) let inotify: Inotify
        private let wakeup: Wakeup
        private let state = NIOLockedValueBox(State.idle)
        private let reason = NIOLockedValueBox<String?>(nil)

        /// Why the index is polled now, as the last look at it found; nil while it is watched.
        var pollReason: String? { reason.withLockedValue { $0 } }
        private let finished = DispatchSemaphore(value: 0)

        /// What a database folder's watch cares about: its version file (a replica's stub too).
        private static let versionFiles: Set<String> = ["iamglass", "XAPIANDB"]
        private static let events =
            UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM) | UInt32(IN_CREATE) | UInt32(IN_DELETE)
            | UInt32(IN_CLOSE_WRITE) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_ONLYDIR)
            | UInt32(IN_EXCL_UNLINK)

        /// A signal for `layout`; nil when the system gives no inotify instance or eventfd (the
        /// watcher then polls).
        init?(layout: IndexLayout, pollInterval: Duration, recheck: Duration) {
            guard let inotify = try? Inotify(), let wakeup = Wakeup() else { return nil }
            self.inotify = inotify
            self.wakeup = wakeup
            self.layout = layout
            pollMilliseconds = Self.milliseconds(pollInterval)
            recheckMilliseconds = Self.milliseconds(recheck)
            (nudges, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        }

        /// Starts watching on a thread of its own.
        func start() {
            guard
                state.withLockedValue({ state in
                    guard case .idle = state else { return false }
                    state = .running
                    return true
                })
            else { return }
            let thread = Thread { [self] in
                run()
                continuation.finish()
                finished.signal()
            }
            thread.name = "passim-index-watch"
            thread.start()
        }

        /// Stops the thread and waits for it; the stream of nudges ends.
        func stop() {
            let wasRunning = state.withLockedValue { state in
                defer { state = .stopped }
                if case .running = state { return true }
                return false
            }
            guard wasRunning else {
                continuation.finish()
                return
            }
            wakeup.signal()
            finished.wait()
        }

        private var isStopping: Bool { state.withLockedValue { if case .stopped = $0 { true } else { false } } }

        private func run() {
            var watched: [Int32: Target] = [:]
            while !isStopping {
                let before = Set(watched.keys)
                let why = arm(&watched)
                reason.withLockedValue { $0 = why }
                // A folder just watched may have changed before its watch was placed (an index
                // directory made and filled at once): the check this nudge asks for sees that.
                if !Set(watched.keys).isSubset(of: before) { continuation.yield() }
                let events = inotify.events(
                    waiting: why == nil ? recheckMilliseconds : pollMilliseconds, wakeup: wakeup)
                if isStopping { return }
                // Events that cannot be a commit (a lock file, a temporary version file): wait on.
                if !events.isEmpty, !events.contains(where: { Self.matters($0, watched) }) { continue }
                continuation.yield()
            }
        }

        /// A watched folder, and the entries in it whose change matters (nil: any entry).
        private struct Target {
            var path: String
            var names: Set<String>?
        }

        /// Places the watches the index needs as it is now; why its changes cannot all be seen
        /// through them, or nil when they can.
        private func arm(_ watched: inout [Int32: Target]) -> String? {
            var reason = LocalFileSystem.contains(layout.directory) ? nil : Self.networkFileSystem
            let directory = URL(fileURLWithPath: layout.directory)
            // Before the first ingest there may be no index directory: its parent shows it coming.
            let top =
                FileManager.default.fileExists(atPath: layout.directory)
                ? Target(path: layout.directory, names: ["db", "catalog", "shards"])
                : Target(path: directory.deletingLastPathComponent().path, names: [directory.lastPathComponent])
            var databases: [String] = []
            if !layout.isSharded {
                databases = [layout.database]
            } else if let stub = try? ShardStub.read(layout) {
                for location in [stub.catalog] + stub.shards {
                    guard case .local(let path) = location else {
                        reason = reason ?? "remote shards"
                        continue
                    }
                    let folder = ShardStub.resolve(path, in: layout)
                    if FileManager.default.fileExists(atPath: folder + "/XAPIANDB") { reason = reason ?? "a replica" }
                    // A shard's folder may be mounted from elsewhere, apart from the index directory.
                    if !LocalFileSystem.contains(folder) { reason = reason ?? Self.networkFileSystem }
                    databases.append(folder)
                }
            }
            var placed: [Int32: Target] = [:]
            switch inotify.watch(top.path, for: Self.events) {
            case .success(let watch): placed[watch] = top
            case .failure(let error): reason = reason ?? error.message
            }
            // A database folder not made yet is seen coming through the index directory's watch.
            for folder in databases {
                if case .success(let watch) = inotify.watch(folder, for: Self.events) {
                    placed[watch] = Target(path: folder, names: Self.versionFiles)
                }
            }
            for watch in watched.keys where placed[watch] == nil { inotify.unwatch(watch) }
            watched = placed
            return reason
        }

        private static let networkFileSystem = "on a network file system, where inotify sees only this machine's writes"

        private static func matters(_ event: Inotify.Event, _ watched: [Int32: Target]) -> Bool {
            if event.has(IN_Q_OVERFLOW) { return true }
            guard let target = watched[event.watch] else { return false }
            // The folder itself deleted, moved or unwatched.
            if event.name.isEmpty { return true }
            return target.names?.contains(event.name) ?? true
        }

        private static func milliseconds(_ duration: Duration) -> Int32 {
            let (seconds, attoseconds) = duration.components
            return Int32(clamping: seconds * 1_000 + attoseconds / 1_000_000_000_000_000)
        }
    }
#endif
