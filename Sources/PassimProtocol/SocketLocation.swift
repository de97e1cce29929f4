/// Where the daemon's socket lives when no `--socket` is given, and the permissions that keep
/// it private. The CLI and the server both use these rules; PROTOCOL.md documents them.
public enum SocketLocation {
    /// Permissions of the socket's directory when the server creates it: owner only.
    public static let directoryMode: UInt16 = 0o700
    /// Permissions of the socket file: owner read and write only.
    public static let socketMode: UInt16 = 0o600
    /// The longest socket path a `sockaddr_un` holds on Linux (108 bytes with the final NUL);
    /// macOS allows 103.
    public static let maxPathBytes = 107

    /// `$PASSIM_SOCKET` when set; else `$XDG_RUNTIME_DIR/passim/passim.sock` when that variable
    /// holds an absolute path (the XDG spec says to ignore a relative one); else
    /// `/tmp/passim-<uid>/passim.sock`.
    public static func defaultPath(environment: [String: String], userID: UInt32) -> String {
        if let explicit = environment["PASSIM_SOCKET"], !explicit.isEmpty {
            return explicit
        }
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") {
            return runtime.trimmingTrailingSlashes() + "/passim/passim.sock"
        }
        return "/tmp/passim-\(userID)/passim.sock"
    }
}

extension String {
    fileprivate func trimmingTrailingSlashes() -> String {
        var trimmed = Substring(self)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}
