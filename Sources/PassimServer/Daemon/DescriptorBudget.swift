#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How many connections the daemon can hold without running out of file descriptors.
///
/// Out of descriptors, `accept` fails with EMFILE while the listening socket stays readable,
/// and swift-nio's event loop wakes for it again and again (100% CPU) until a descriptor is
/// freed, while searches fail to open index files. So the daemon never lets connections take
/// the last descriptors: it raises its soft limit to the hard one at start (as servers
/// commonly do), counts what it holds once its searchers are open, keeps a reserve for the
/// writer, the watcher and the files it reads, and refuses connections past the rest with
/// `tooManyConnections` instead of accepting until the kernel says no.
struct DescriptorBudget: Sendable {
    /// Descriptors kept free for work other than connections: an ingest writer's tables and
    /// the file it reads, a reopened reader, a source read for position conversion.
    static let reserve = 32

    /// The soft limit on open descriptors, after raising it.
    let limit: Int
    /// Descriptors open when the budget was taken (searchers, sockets, log, event loops).
    let inUse: Int
    /// Connections the daemon accepts at once.
    var maxConnections: Int { max(1, limit - inUse - Self.reserve) }

    /// Raises the soft limit to the hard one and counts what is open now.
    static func take() -> DescriptorBudget {
        var limits = rlimit()
        if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limits) == 0, limits.rlim_cur < limits.rlim_max {
            var raised = limits
            raised.rlim_cur = limits.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limits = raised }
        }
        let limit = Int(clamping: min(limits.rlim_cur, rlim_t(Int32.max)))
        return DescriptorBudget(limit: limit, inUse: openDescriptors())
    }

    /// Open descriptors of this process (`/proc/self/fd`, less the one that lists it).
    static func openDescriptors() -> Int {
        guard let directory = opendir("/proc/self/fd") else { return 0 }
        defer { closedir(directory) }
        var count = 0
        while readdir(directory) != nil { count += 1 }
        return max(0, count - 3)  // ".", ".." and the directory's own descriptor
    }
}
