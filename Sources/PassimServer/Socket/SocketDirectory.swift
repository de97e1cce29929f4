import Logging
import PassimProtocol
import PassimSocket

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Makes sure the socket's directory exists and that no other user can replace the socket.
///
/// A directory the daemon creates gets mode 0700 (`SocketLocation.directoryMode`). An existing
/// one is used as it is, but refused when another user owns it (root excepted, e.g. `/tmp`)
/// or when others may write to it without the sticky bit: either would let someone else swap
/// the socket for their own. A symbolic link in its place is refused too.
enum SocketDirectory {
    /// Creates or checks the directory that will hold `socketPath`.
    static func prepare(for socketPath: String, logger: Logger) throws(DaemonError) {
        let directory = SocketSafety.parent(of: socketPath)
        var status = stat()
        if lstat(directory, &status) != 0 {
            guard errno == ENOENT else {
                throw DaemonError(.socket, "cannot inspect \(directory): \(SystemText.errno())")
            }
            try create(directory)
            logger.info("created socket directory", metadata: ["directory": "\(directory)"])
            return
        }
        try check(directory, status)
    }

    private static func create(_ directory: String) throws(DaemonError) {
        let grandparent = SocketSafety.parent(of: directory)
        var status = stat()
        if lstat(grandparent, &status) != 0 && errno == ENOENT {
            try create(grandparent)
        }
        let mode = mode_t(SocketLocation.directoryMode)
        if mkdir(directory, mode) != 0 && errno != EEXIST {
            throw DaemonError(.socket, "cannot create the socket directory \(directory): \(SystemText.errno())")
        }
        // mkdir applies the umask; the final directory must be exactly owner-only.
        if chmod(directory, mode) != 0 {
            throw DaemonError(.socket, "cannot set permissions of \(directory): \(SystemText.errno())")
        }
    }

    private static func check(_ directory: String, _ status: stat) throws(DaemonError) {
        guard let problem = SocketSafety.problem(directory: directory, status: status) else { return }
        throw DaemonError(.unsafeDirectory, "\(problem); choose another --socket or set PASSIM_SOCKET")
    }
}
