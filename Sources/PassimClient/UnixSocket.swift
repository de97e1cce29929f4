#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A connected, blocking Unix stream socket whose every wait has a deadline: what a one-shot
/// command needs to ask the daemon one thing, without starting event-loop threads.
final class UnixSocket {
    /// Why sending or receiving stopped.
    enum Failure: Error {
        /// The deadline passed first.
        case timedOut
        /// The peer closed the connection (or reset it).
        case closed
        /// Any other system error, by `errno`.
        case system(Int32)
    }

    let descriptor: Int32
    private var isOpen = true

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        disconnect()
    }

    /// Connects to the socket at `path`; `timeout` bounds the wait for a daemon whose queue of
    /// connections is full (and every later send).
    static func open(path: String, timeout: Duration) throws(ClientError) -> UnixSocket {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path), !pathBytes.contains(0) else {
            throw .cannotConnect(socket: path, reason: "the path is too long for a Unix socket address")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: pathBytes) }
        let descriptor = makeSocket()
        guard descriptor >= 0 else { throw ConnectFailure.classify(errno: errno, socket: path) }
        let socket = UnixSocket(descriptor: descriptor)
        var limit = timeval(timeout)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        while true {
            let status = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            if status == 0 { return socket }
            let code = errno
            // An interrupted connect goes on in the kernel; asking again tells how it ended.
            if code == EINTR { continue }
            if code == EISCONN { return socket }
            throw ConnectFailure.classify(errno: code, socket: path)
        }
    }

    /// Sends all of `bytes`.
    func sendAll(_ bytes: [UInt8]) throws(Failure) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                send(descriptor, buffer.baseAddress.map { $0 + sent }, buffer.count - sent, Self.sendFlags)
            }
            if count >= 0 {
                sent += count
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN: throw .timedOut
            case EPIPE, ECONNRESET: throw .closed
            case let code: throw .system(code)
            }
        }
    }

    /// Appends what arrives next to `buffer`, waiting until `deadline` at most.
    func receive(into buffer: inout [UInt8], deadline: ContinuousClock.Instant) throws(Failure) {
        var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { throw .timedOut }
            let milliseconds = Int32(min(left.seconds * 1_000, Double(Int32.max)).rounded(.up))
            let ready = poll(&waiting, 1, milliseconds)
            if ready > 0 { break }
            if ready < 0 && errno != EINTR { throw .system(errno) }
        }
        // Read into fresh, unzeroed memory of a size the allocator keeps on its heap (larger
        // blocks are mapped and unmapped by every read).
        let chunk = 64 << 10
        while true {
            var failure: Int32 = 0
            let received = [UInt8](unsafeUninitializedCapacity: chunk) { bytes, count in
                let read = recv(descriptor, bytes.baseAddress, chunk, 0)
                count = max(read, 0)
                failure = read < 0 ? errno : read == 0 ? -1 : 0
            }
            if failure == EINTR { continue }
            if failure == -1 || failure == ECONNRESET { throw .closed }
            if failure != 0 { throw .system(failure) }
            buffer.append(contentsOf: received)
            return
        }
    }

    /// Closes the socket; later calls fail.
    func disconnect() {
        guard isOpen else { return }
        isOpen = false
        _ = close(descriptor)
    }

    /// A peer that hung up makes `send` fail with EPIPE instead of killing the process.
    #if os(Linux)
        private static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
        private static let sendFlags: Int32 = 0
    #endif

    private static func makeSocket() -> Int32 {
        #if os(Linux)
            socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
            let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
            if descriptor >= 0 {
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
                var on: Int32 = 1
                _ = setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
            }
            return descriptor
        #endif
    }
}

extension timeval {
    /// `duration` as a `timeval`, at least a microsecond (zero would mean no limit).
    fileprivate init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let microseconds = max(1, Int(seconds) * 1_000_000 + Int(attoseconds / 1_000_000_000_000))
        self.init(tv_sec: microseconds / 1_000_000, tv_usec: .init(microseconds % 1_000_000))
    }
}
