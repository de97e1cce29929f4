import PassimSocket

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Waits for a socket file to be removed, as a daemon's last step when it stops.
///
/// On Linux the socket's directory is watched with inotify, so the wait ends as soon as the
/// file goes instead of at the next tick of a polling loop. The watch is made only when the
/// file is still there: closing an inotify instance waits for the kernel to retire its watches
/// (milliseconds), which a daemon that has already gone should not cost.
public enum SocketRemoval {
    /// Whether the file at `path` is gone.
    public static func isRemoved(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) != 0 && errno == ENOENT
    }

    /// Waits until the file at `path` is gone; false when `timeout` passes first.
    public static func wait(for path: String, timeout: Duration) -> Bool {
        if isRemoved(path) { return true }
        let deadline = ContinuousClock.now + timeout
        // Watching starts before the next look, so a removal between the two is not missed.
        let watch = DirectoryWatch(SocketSafety.parent(of: path))
        while !isRemoved(path) {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { return false }
            watch.wait(upTo: left)
        }
        return true
    }
}

/// An inotify watch on a directory for entries leaving it; without one (another system, no
/// inotify instances left) a wait just looks again shortly.
private final class DirectoryWatch {
    private let descriptor: Int32

    init(_ directory: String) {
        #if os(Linux)
            let descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
            let events = UInt32(IN_DELETE | IN_MOVED_FROM | IN_DELETE_SELF | IN_MOVE_SELF)
            if descriptor >= 0, inotify_add_watch(descriptor, directory, events) < 0 {
                _ = close(descriptor)
                self.descriptor = -1
            } else {
                self.descriptor = descriptor
            }
        #else
            descriptor = -1
        #endif
    }

    deinit {
        if descriptor >= 0 { _ = close(descriptor) }
    }

    /// Returns when an entry may have left the directory, or after `limit`.
    func wait(upTo limit: Duration) {
        let step = descriptor >= 0 ? limit : min(limit, .milliseconds(5))
        var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&waiting, descriptor >= 0 ? 1 : 0, Int32(min(step.seconds * 1_000, Double(Int32.max)).rounded(.up)))
        // Which entry left does not matter, the next look at the path does.
        guard descriptor >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }
}
