import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Waits for a Xapian glass database's commits through inotify: each commit replaces the
/// database's version file `iamglass` (written to a temporary file, then renamed).
final class CommitWatch {
    private let descriptor: Int32

    /// Watches the database folder `path`; start watching before the writes to be waited on.
    init(database path: String) throws {
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0, inotify_add_watch(descriptor, path, UInt32(IN_MOVED_TO) | UInt32(IN_CLOSE_WRITE)) >= 0
        else {
            throw DaemonProcessError("cannot watch \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        close(descriptor)
    }

    /// True once a commit landed after the watch began (or after the last wait), false when
    /// `timeout` seconds pass first.
    func waitForCommit(timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return false }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(left * 1000) + 1) > 0 else { continue }
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { continue }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (length, name) = buffer.withUnsafeBytes { raw -> (Int, String) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let start = offset + MemoryLayout<inotify_event>.size
                    let bytes = raw[start..<(start + Int(event.len))].prefix { $0 != 0 }
                    return (Int(event.len), String(decoding: bytes, as: UTF8.self))
                }
                offset += MemoryLayout<inotify_event>.size + length
                if name == "iamglass" { return true }
            }
        }
    }
}
