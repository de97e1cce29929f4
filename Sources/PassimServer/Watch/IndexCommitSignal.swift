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
    /// the folders themselves going, and nudges after each batch of such events. Before each
    /// nudge the watches are placed again, until the index looks the same before and after, so
    /// a folder made or replaced meanwhile is watched as it is now; the check the nudge asks
    /// for comes after them, so no change falls between the two. An index whose changes
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
        private let pollInterval: Duration
        private let recheck: Duration
        /// Touched only by whoever places the watches: `start`, then the watch thread it starts.
        private nonisolated(unsafe) let inotify: Inotify
        private let wakeup: Wakeup
        private let state = NIOLockedValueBox(State.idle)
        private let reason = NIOLockedValueBox<String?>(nil)
        private let finished = DispatchSemaphore(value: 0)

        /// Why the index is polled, as the last look at it found; nil while it is watched.
        var pollReason: String? { reason.withLockedValue { $0 } }

        /// What the catalog's or a single database's watch cares about: its version file (a
        /// replica's stub too). A shard's matters only if the folder goes: a sharded index
        /// commits its catalog after its shards, and the catalog's revision is the index's.
        private static let versionFiles: Set<String> = ["iamglass", "XAPIANDB"]
        private static let events =
            UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM) | UInt32(IN_CREATE) | UInt32(IN_DELETE)
            | UInt32(IN_CLOSE_WRITE) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_ONLYDIR)
            | UInt32(IN_EXCL_UNLINK)
        /// Placings of the watches in a row while the index keeps changing under them, at most.
        private static let maximumPlacings = 8

        /// A signal for `layout`; nil when the system gives no inotify instance or eventfd (the
        /// watcher then polls).
        init?(layout: IndexLayout, pollInterval: Duration, recheck: Duration) {
            guard let inotify = try? Inotify(), let wakeup = Wakeup() else { return nil }
            self.inotify = inotify
            self.wakeup = wakeup
            self.layout = layout
            self.pollInterval = pollInterval
            self.recheck = recheck
            (nudges, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        }

        /// Places the first watches (so `pollReason` is known, and a check made after this sees
        /// every change it does not), then watches on a thread of its own.
        func start() {
            guard
                state.withLockedValue({ state in
                    guard case .idle = state else { return false }
                    state = .running
                    return true
                })
            else { return }
            var watched: [Int32: Target] = [:]
            let why = placeUntilSteady(&watched)
            reason.withLockedValue { $0 = why }
            let thread = Thread { [self, watched] in
                run(watched, reason: why)
                continuation.finish()
                finished.signal()
            }
            thread.name = "passim-index-watch"
            thread.start()
        }

        /// Stops the thread and waits for it, off the caller's thread; the stream of nudges ends.
        func stop() async {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                DispatchQueue.global().async {
                    self.stopNow()
                    continuation.resume()
                }
            }
        }

        private func stopNow() {
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

        /// Waits for events until the next poll or recheck is due; after each batch that can be
        /// a commit, and when one is due, places the watches again, then nudges: the check the
        /// nudge asks for comes after the watches, so nothing falls between them.
        private func run(_ placed: [Int32: Target], reason first: String?) {
            var watched = placed
            var due = ContinuousClock.now + (first == nil ? recheck : pollInterval)
            while !isStopping {
                let events = inotify.events(waiting: Self.milliseconds(until: due), wakeup: wakeup)
                if isStopping { return }
                if events.isEmpty, ContinuousClock.now < due { continue }
                // Events that cannot be a commit (a lock file, a temporary version file): wait on.
                if !events.isEmpty, !events.contains(where: { Self.matters($0, watched) }) { continue }
                let why = placeUntilSteady(&watched)
                reason.withLockedValue { $0 = why }
                continuation.yield()
                due = ContinuousClock.now + (why == nil ? recheck : pollInterval)
            }
        }

        /// A watched folder, and the entries in it whose change matters.
        private struct Target {
            var path: String
            var names: Set<String>
        }

        /// What the watches were placed for: the index directory and its `db` (a database
        /// folder, or a sharded index's stub) as they are on disk.
        private struct Shape: Equatable {
            var directory: UInt64?
            var database: UInt64?
            var stub: String?

            init(_ layout: IndexLayout) {
                directory = Self.inode(layout.directory)
                database = Self.inode(layout.database)
                stub = layout.isSharded ? try? String(contentsOfFile: layout.database, encoding: .utf8) : nil
            }

            static func inode(_ path: String) -> UInt64? {
                var info = stat()
                return stat(path, &info) == 0 ? UInt64(info.st_ino) : nil
            }
        }

        /// Places the watches until the index is the same after as before: a folder made,
        /// replaced or removed meanwhile is watched as it is now. Why the index cannot be
        /// watched, or nil.
        private func placeUntilSteady(_ watched: inout [Int32: Target]) -> String? {
            var why: String?
            for _ in 0..<Self.maximumPlacings {
                let before = Shape(layout)
                why = place(&watched)
                if Shape(layout) == before { break }
            }
            return why
        }

        /// Places the watches the index needs as it is now; why its changes cannot all be seen
        /// through them, or nil when they can.
        private func place(_ watched: inout [Int32: Target]) -> String? {
            var reason = LocalFileSystem.contains(layout.directory) ? nil : Self.networkFileSystem
            let directory = URL(fileURLWithPath: layout.directory)
            // Before the first ingest there may be no index directory: its parent shows it coming.
            let top =
                FileManager.default.fileExists(atPath: layout.directory)
                ? Target(path: layout.directory, names: ["db", "catalog", "shards"])
                : Target(path: directory.deletingLastPathComponent().path, names: [directory.lastPathComponent])
            var databases: [Target] = []
            if !layout.isSharded {
                databases = [Target(path: layout.database, names: Self.versionFiles)]
            } else if let stub = try? ShardStub.read(layout) {
                for (number, location) in ([stub.catalog] + stub.shards).enumerated() {
                    guard case .local(let path) = location else {
                        reason = reason ?? "remote shards"
                        continue
                    }
                    let folder = ShardStub.resolve(path, in: layout)
                    if FileManager.default.fileExists(atPath: folder + "/XAPIANDB") { reason = reason ?? "a replica" }
                    databases.append(Target(path: folder, names: number == 0 ? Self.versionFiles : []))
                }
            } else {
                databases = [Target(path: ShardStub.catalogPath(of: layout), names: Self.versionFiles)]
            }
            // A database folder may be mounted from elsewhere, apart from the index directory.
            if databases.contains(where: { !LocalFileSystem.contains($0.path) }) {
                reason = reason ?? Self.networkFileSystem
            }
            var placed: [Int32: Target] = [:]
            switch inotify.watch(top.path, for: Self.events) {
            case .success(let watch): placed[watch] = top
            case .failure(let error): reason = reason ?? error.message
            }
            // A database folder not made yet is seen coming through the index directory's watch.
            for target in databases {
                if case .success(let watch) = inotify.watch(target.path, for: Self.events) { placed[watch] = target }
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
            return target.names.contains(event.name)
        }

        /// The milliseconds from now to `due`, for poll(2): 0 once it has passed.
        private static func milliseconds(until due: ContinuousClock.Instant) -> Int32 {
            let (seconds, attoseconds) = (due - ContinuousClock.now).components
            guard seconds >= 0, attoseconds >= 0 else { return 0 }
            return Int32(clamping: seconds * 1_000 + attoseconds / 1_000_000_000_000_000 + 1)
        }
    }
#endif
