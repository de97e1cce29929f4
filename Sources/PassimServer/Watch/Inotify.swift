#if os(Linux)
    import Glibc

    /// A Linux inotify instance: folders to watch, and the events the kernel reports in them.
    final class Inotify {
        /// One event: the watch it came from, what happened, and the entry's name (empty when
        /// the event is about the watched folder itself).
        struct Event: Hashable {
            var watch: Int32
            var mask: UInt32
            var cookie: UInt32
            var name: String

            func has(_ flag: Int32) -> Bool { mask & UInt32(flag) != 0 }
        }

        /// What a folder watch reports: files written and closed, entries created, deleted or
        /// moved in and out, and the folder itself deleted or moved.
        static let folderEvents: UInt32 =
            UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_FROM) | UInt32(IN_MOVED_TO) | UInt32(IN_CREATE)
            | UInt32(IN_DELETE) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_ONLYDIR)
            | UInt32(IN_EXCL_UNLINK)

        private let descriptor: Int32

        /// A new instance; nil (with the system's reason) when the kernel refuses one.
        init() throws(DaemonError) {
            descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard descriptor >= 0 else {
                throw DaemonError(.watch, "cannot watch the corpus: inotify_init1: \(String(cString: strerror(errno)))")
            }
        }

        deinit {
            close(descriptor)
        }

        /// Watches folder `path` for `events`; the watch's number, or the system's reason it cannot.
        func watch(_ path: String, for events: UInt32 = folderEvents) -> Result<Int32, DaemonError> {
            let watch = inotify_add_watch(descriptor, path, events)
            guard watch >= 0 else {
                let reason = String(cString: strerror(errno))
                let hint =
                    errno == ENOSPC
                    ? " (raise fs.inotify.max_user_watches, e.g. `sysctl fs.inotify.max_user_watches=524288`)" : ""
                return .failure(DaemonError(.watch, "cannot watch \(path): \(reason)\(hint)"))
            }
            return .success(watch)
        }

        /// Stops watch `watch` (the kernel then reports IN_IGNORED for it).
        func unwatch(_ watch: Int32) {
            _ = inotify_rm_watch(descriptor, watch)
        }

        /// The events available within `milliseconds` (-1: however long it takes); none when the
        /// wait ends first or `wakeup` is signalled.
        func events(waiting milliseconds: Int32, wakeup: Wakeup? = nil) -> [Event] {
            var pollers = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
            if let wakeup { pollers.append(pollfd(fd: wakeup.descriptor, events: Int16(POLLIN), revents: 0)) }
            guard poll(&pollers, nfds_t(pollers.count), milliseconds) > 0 else { return [] }
            if pollers.count > 1, pollers[1].revents != 0 { wakeup?.drain() }
            guard pollers[0].revents != 0 else { return [] }
            var events: [Event] = []
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                events += Self.parse(buffer[0..<count])
            }
            return events
        }

        /// Decodes the kernel's `struct inotify_event` records.
        static func parse(_ bytes: ArraySlice<UInt8>) -> [Event] {
            let header = MemoryLayout<inotify_event>.size
            var events: [Event] = []
            var offset = bytes.startIndex
            while offset + header <= bytes.endIndex {
                func field(_ at: Int) -> UInt32 {
                    bytes[(offset + at)..<(offset + at + 4)].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
                }
                let length = Int(field(12))
                let nameBytes = bytes[(offset + header)..<min(bytes.endIndex, offset + header + length)]
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                events.append(Event(watch: Int32(bitPattern: field(0)), mask: field(4), cookie: field(8), name: name))
                offset += header + length
            }
            return events
        }
    }
#endif
