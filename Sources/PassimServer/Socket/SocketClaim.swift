import Logging
import NIOConcurrencyHelpers
import PassimProtocol
import PassimSocket

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The daemon's hold on its socket path, from before bind until after the socket is removed.
///
/// An exclusive `flock` on `<socket>.lock`, kept for the daemon's lifetime, means two daemons
/// started at once cannot both decide a leftover socket is stale and take over the path.
/// The lock file stays behind on exit: removing it would let a third daemon lock a new file
/// while a second still holds the old one.
final class SocketClaim: Sendable {
    let path: String
    private let lockDescriptor: Int32
    /// Device and inode of the socket this daemon bound, so it removes only its own socket.
    private let boundSocket = NIOLockedValueBox<(device: UInt64, inode: UInt64)?>(nil)

    private init(path: String, lockDescriptor: Int32) {
        self.path = path
        self.lockDescriptor = lockDescriptor
    }

    /// Locks the path and clears a leftover socket nobody answers on.
    static func claim(path: String, logger: Logger) throws(DaemonError) -> SocketClaim {
        guard path.utf8.count <= SocketLocation.maxPathBytes else {
            throw DaemonError(
                .pathTooLong,
                "the socket path \(path) is \(path.utf8.count) bytes; a Unix socket path holds at most "
                    + "\(SocketLocation.maxPathBytes): choose a shorter --socket")
        }
        try SocketDirectory.prepare(for: path, logger: logger)
        let descriptor = try lock(path + ".lock", socketPath: path)
        let claim = SocketClaim(path: path, lockDescriptor: descriptor)
        do {
            try claim.clearLeftover(logger: logger)
        } catch {
            close(descriptor)
            throw error
        }
        return claim
    }

    /// Sets the bound socket's permissions and remembers which file it is.
    func markBound() throws(DaemonError) {
        if chmod(path, mode_t(SocketLocation.socketMode)) != 0 {
            throw DaemonError(.socket, "cannot set permissions of \(path): \(SystemText.errno())")
        }
        var status = stat()
        guard lstat(path, &status) == 0 else {
            throw DaemonError(.socket, "the socket \(path) vanished after bind: \(SystemText.errno())")
        }
        boundSocket.withLockedValue { $0 = (UInt64(status.st_dev), UInt64(status.st_ino)) }
    }

    /// Removes the socket if it is still the one this daemon bound, then drops the lock.
    func release(logger: Logger) {
        if let bound = boundSocket.withLockedValue({ $0 }) {
            var status = stat()
            if lstat(path, &status) == 0, UInt64(status.st_dev) == bound.device, UInt64(status.st_ino) == bound.inode {
                if unlink(path) != 0 {
                    logger.warning(
                        "cannot remove the socket", metadata: ["path": "\(path)", "error": "\(SystemText.errno())"])
                }
            }
        }
        close(lockDescriptor)
    }

    private static func lock(_ lockPath: String, socketPath: String) throws(DaemonError) -> Int32 {
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, mode_t(SocketLocation.socketMode))
        guard descriptor >= 0 else {
            throw DaemonError(.socket, "cannot open the lock file \(lockPath): \(SystemText.errno())")
        }
        // In a directory others may write to (a sticky /tmp), another user can create the lock
        // file first and so decide who may serve this socket: use only a lock file of our own.
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_uid == getuid() else {
            let owner = status.st_uid
            close(descriptor)
            throw DaemonError(
                .unsafeDirectory,
                "the lock file \(lockPath) belongs to user \(owner), not to you (\(getuid())); "
                    + "choose another --socket or set PASSIM_SOCKET (or ask that user to remove it)")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = String(decoding: readAll(descriptor).filter { (0x30...0x39).contains($0) }, as: UTF8.self)
            close(descriptor)
            let who = holder.isEmpty ? "another passim daemon" : "another passim daemon (pid \(holder))"
            throw DaemonError(
                .alreadyRunning,
                "\(who) is already serving \(socketPath); stop it with `passim stop --socket \(socketPath)` "
                    + "or choose another --socket")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return descriptor
    }

    private static func readAll(_ descriptor: Int32) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        return count > 0 ? Array(buffer.prefix(count)) : []
    }

    /// A socket file at the path is removed when nothing answers on it; anything else that is
    /// not a socket is left alone and refused.
    private func clearLeftover(logger: Logger) throws(DaemonError) {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            guard errno == ENOENT else {
                throw DaemonError(.socket, "cannot inspect \(path): \(SystemText.errno())")
            }
            return
        }
        guard status.st_mode & S_IFMT == S_IFSOCK else {
            throw DaemonError(
                .pathOccupied,
                "\(path) exists and is \(SystemText.fileType(status.st_mode)), not a socket; "
                    + "it was left untouched: move it away or choose another --socket")
        }
        switch UnixSocketProbe.probe(path) {
        case .answers:
            throw DaemonError(
                .alreadyRunning,
                "a process already answers on \(path); stop it or choose another --socket")
        case .gone:
            return
        case .refused:
            guard unlink(path) == 0 || errno == ENOENT else {
                throw DaemonError(.socket, "cannot remove the stale socket \(path): \(SystemText.errno())")
            }
            logger.info("removed a stale socket nobody answered on", metadata: ["path": "\(path)"])
        case .failed(let reason):
            throw DaemonError(.socket, "cannot check the existing socket \(path): \(reason)")
        }
    }
}
