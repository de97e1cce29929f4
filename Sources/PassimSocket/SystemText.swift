#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Short texts for system errors and file types in messages.
public enum SystemText {
    /// The message of the current `errno`.
    public static func errno() -> String {
        String(cString: strerror(errnoValue()))
    }

    /// "a regular file", "a directory", ... for an `st_mode`.
    public static func fileType(_ mode: mode_t) -> String {
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

/// `errno`, read from outside `SystemText.errno()`, whose name hides it.
private func errnoValue() -> Int32 { errno }
