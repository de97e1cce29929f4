#if os(Linux)
    import CLinux
    import Glibc

    /// An eventfd that another thread signals to end a watcher thread's wait at once, so the
    /// watcher can wait for events with no timeout instead of waking up to look for work.
    final class Wakeup: Sendable {
        let descriptor: Int32

        /// A new eventfd; nil when the system refuses one (the caller then waits in slices).
        init?() {
            descriptor = clinux_eventfd()
            guard descriptor >= 0 else { return nil }
        }

        deinit {
            close(descriptor)
        }

        /// Ends the current or the next wait.
        func signal() {
            var one: UInt64 = 1
            _ = withUnsafeBytes(of: &one) { write(descriptor, $0.baseAddress, $0.count) }
        }

        /// Clears the signal once the waiting thread has seen it.
        func drain() {
            var count: UInt64 = 0
            _ = withUnsafeMutableBytes(of: &count) { read(descriptor, $0.baseAddress, $0.count) }
        }
    }
#endif
