import PassimSocket

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Waits for a socket file to be removed, as a daemon's last step when it stops.
///
/// On Linux the socket's directory is watched with inotify from the moment this is made, so
/// the wait ends as soon as the file goes instead of at the next tick of a polling loop; make
/// it before asking the daemon to stop, so the removal cannot come unseen.
public final class SocketRemoval {
    /// The socket waited for.
    public let path: String
    private let watch: Int32

    /// Starts watching the directory of `path`.
    public init(path: String) {
        self.path = path
        #if os(Linux)
            let descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
            let events = UInt32(IN_DELETE | IN_MOVED_FROM | IN_DELETE_SELF | IN_MOVE_SELF)
            if descriptor >= 0, inotify_add_watch(descriptor, SocketSafety.parent(of: path), events) < 0 {
                _ = close(descriptor)
                watch = -1
            } else {
                watch = descriptor
            }
        #else
            watch = -1
        #endif
    }

    deinit {
        if watch >= 0 { _ = close(watch) }
    }

    /// Whether the file is gone.
    public var isRemoved: Bool {
        var status = stat()
        return lstat(path, &status) != 0 && errno == ENOENT
    }

    /// Waits until the file is gone; false when `timeout` passes first.
    public func wait(timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !isRemoved {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { return false }
            // Without a watch (another system, no inotify instances left), look again shortly.
            let step = watch >= 0 ? left : min(left, .milliseconds(5))
            var waiting = pollfd(fd: watch, events: Int16(POLLIN), revents: 0)
            _ = poll(&waiting, watch >= 0 ? 1 : 0, Int32(min(step.seconds * 1_000, Double(Int32.max)).rounded(.up)))
            drain()
        }
        return true
    }

    /// Reads the events that woke the wait; which file they name does not matter, the next
    /// look at the path does.
    private func drain() {
        guard watch >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while buffer.withUnsafeMutableBytes({ read(watch, $0.baseAddress, $0.count) }) > 0 {}
    }
}
