import Glibc
import Logging
import PassimProtocol

/// Makes sure the socket's directory exists and that no other user can replace the socket.
///
/// A directory the daemon creates gets mode 0700 (`SocketLocation.directoryMode`). An existing
/// one is used as it is, but refused when another user owns it (root excepted, e.g. `/tmp`)
/// or when others may write to it without the sticky bit: either would let someone else swap
/// the socket for their own. A symbolic link in its place is refused too.
enum SocketDirectory {
    /// Creates or checks the directory that will hold `socketPath`.
    static func prepare(for socketPath: String, logger: Logger) throws(DaemonError) {
        let directory = parent(of: socketPath)
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

    /// The directory part of `path` (`.` for a bare name).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func create(_ directory: String) throws(DaemonError) {
        let grandparent = parent(of: directory)
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
        let type = status.st_mode & S_IFMT
        guard type == S_IFDIR else {
            throw DaemonError(
                .unsafeDirectory,
                "\(directory) is not a directory (it is \(SystemText.fileType(status.st_mode))); "
                    + "remove it or choose another --socket")
        }
        let owner = status.st_uid
        if owner != getuid() && owner != 0 {
            throw DaemonError(
                .unsafeDirectory,
                "the socket directory \(directory) belongs to user \(owner), not to you (\(getuid())); "
                    + "choose another --socket or set PASSIM_SOCKET")
        }
        let othersMayWrite = status.st_mode & (S_IWGRP | S_IWOTH) != 0
        if othersMayWrite && status.st_mode & S_ISVTX == 0 {
            throw DaemonError(
                .unsafeDirectory,
                "the socket directory \(directory) is writable by other users; "
                    + "run `chmod 700 \(directory)` or choose another --socket")
        }
    }
}

/// Short texts for system errors and file types in messages.
enum SystemText {
    /// The message of the current `errno`.
    static func errno() -> String {
        String(cString: strerror(Glibc.errno))
    }

    /// "a regular file", "a directory", ... for an `st_mode`.
    static func fileType(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: return "a regular file"
        case S_IFDIR: return "a directory"
        case S_IFLNK: return "a symbolic link"
        case S_IFSOCK: return "a socket"
        case S_IFIFO: return "a named pipe"
        case S_IFCHR, S_IFBLK: return "a device"
        default: return "a special file"
        }
    }
}
