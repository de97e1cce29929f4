/// Which inotify watch is which folder: the kernel names events by watch number and entry name.
struct WatchedFolders: Sendable {
    private var paths: [Int32: String] = [:]
    private var watches: [String: Int32] = [:]

    var count: Int { paths.count }

    func path(of watch: Int32) -> String? { paths[watch] }

    func isWatched(_ path: String) -> Bool { watches[path] != nil }

    mutating func add(_ watch: Int32, path: String) {
        if let old = paths[watch] { watches[old] = nil }
        paths[watch] = path
        watches[path] = watch
    }

    /// Forgets `path` and every folder below it; returns their watches (to remove them).
    mutating func removeTree(_ path: String) -> [Int32] {
        let prefix = path + "/"
        let removed = watches.filter { $0.key == path || $0.key.hasPrefix(prefix) }
        for (folder, watch) in removed {
            watches[folder] = nil
            paths[watch] = nil
        }
        return Array(removed.values)
    }

    /// Forgets watch `watch` (the kernel dropped it: IN_IGNORED).
    mutating func drop(_ watch: Int32) {
        if let path = paths.removeValue(forKey: watch), watches[path] == watch { watches[path] = nil }
    }
}
