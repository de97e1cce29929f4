import Foundation

/// A Unix socket the test binds itself, to leave a stale socket file or to play a foreign
/// listener on the daemon's path.
final class PlainSocket {
    let descriptor: Int32

    /// Binds `path`, listening when `listen` is true.
    init(binding path: String, listen: Bool) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0, !listen || Glibc.listen(descriptor, 8) == 0 else {
            let message = String(cString: strerror(errno))
            Glibc.close(descriptor)
            throw FixtureError("cannot bind \(path): \(message)")
        }
    }

    /// Closes without removing the socket file, like a process that died.
    func close() {
        Glibc.close(descriptor)
    }
}
