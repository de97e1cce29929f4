#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Paths with every symbolic link resolved, as roots and records keep them: the same file
/// reached through a link or through its folder is one path.
enum RealPath {
    /// `path` made absolute with every link resolved, or nil when it does not exist.
    static func of(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
