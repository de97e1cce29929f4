import PassimSocket

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Asks whether a process listens on a Unix socket path, by connecting and hanging up.
enum UnixSocketProbe {
    enum Outcome: Equatable {
        /// A process accepted the connection.
        case answers
        /// The socket file exists but nobody listens (a daemon that died without cleaning up).
        case refused
        /// The path no longer exists.
        case gone
        /// Something else went wrong, e.g. no permission.
        case failed(String)
    }

    static func probe(_ path: String) -> Outcome {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return .failed(SystemText.errno()) }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else { return .failed("the path is too long for a socket address") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if result == 0 { return .answers }
        switch errno {
        case ECONNREFUSED: return .refused
        case ENOENT: return .gone
        default: return .failed(SystemText.errno())
        }
    }
}
