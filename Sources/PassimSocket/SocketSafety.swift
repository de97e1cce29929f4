#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The rules that keep another user from standing in for the daemon, shared by the daemon
/// (before it binds) and the client (before it trusts an answer).
///
/// A socket's directory must be a real directory owned by this user (or by root, as `/tmp`
/// is) that others cannot write to, unless its sticky bit stops them from replacing what they
/// do not own. Otherwise someone else could put their own socket where this user's daemon is
/// looked for, and read the user's queries or feed them forged results.
public enum SocketSafety {
    /// What makes a socket's directory unsafe.
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        /// The path is not a directory; `kind` says what it is.
        case notADirectory(directory: String, kind: String)
        /// Another user owns the directory.
        case foreignOwner(directory: String, owner: UInt32, user: UInt32)
        /// Others may write to the directory and it has no sticky bit.
        case writableByOthers(directory: String)
        /// The socket file belongs to another user.
        case foreignSocket(path: String, owner: UInt32, user: UInt32)

        public var description: String {
            switch self {
            case .notADirectory(let directory, let kind):
                "\(directory) is not a directory (it is \(kind))"
            case .foreignOwner(let directory, let owner, let user):
                "the socket directory \(directory) belongs to user \(owner), not to you (\(user))"
            case .writableByOthers(let directory):
                "the socket directory \(directory) is writable by other users (run `chmod 700 \(directory)`)"
            case .foreignSocket(let path, let owner, let user):
                "the socket \(path) belongs to user \(owner), not to you (\(user))"
            }
        }
    }

    /// The directory part of `path` (`.` for a bare name).
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// What is unsafe about an existing directory, from its `lstat`; nil when it is safe.
    public static func problem(directory: String, status: stat, user: UInt32 = getuid()) -> Problem? {
        guard status.st_mode & S_IFMT == S_IFDIR else {
            return .notADirectory(directory: directory, kind: SystemText.fileType(status.st_mode))
        }
        if status.st_uid != user && status.st_uid != 0 {
            return .foreignOwner(directory: directory, owner: status.st_uid, user: user)
        }
        let othersMayWrite = status.st_mode & (S_IWGRP | S_IWOTH) != 0
        if othersMayWrite && status.st_mode & S_ISVTX == 0 {
            return .writableByOthers(directory: directory)
        }
        return nil
    }

    /// What is unsafe about the place of the socket at `path`: its directory, or the socket file
    /// when another user owns it. Nil when both are safe or do not exist (nothing to trust yet).
    public static func problem(socket path: String, user: UInt32 = getuid()) -> Problem? {
        let directory = parent(of: path)
        var status = stat()
        if lstat(directory, &status) == 0, let problem = problem(directory: directory, status: status, user: user) {
            return problem
        }
        if lstat(path, &status) == 0, status.st_uid != user {
            return .foreignSocket(path: path, owner: status.st_uid, user: user)
        }
        return nil
    }
}
