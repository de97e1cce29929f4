/// A folder (or a single file) the index was built from, as the index records it.
public struct CorpusRoot: Sendable, Hashable {
    /// What the ids of its articles start with: empty for the home root (the `corpus/` folder
    /// beside the index), else the folder's name (made unique among the roots).
    public var label: String
    /// Its absolute path, links resolved.
    public var path: String
    /// True for a file ingested on its own, outside every folder root: the root is that file.
    public var isFile: Bool

    /// Memberwise initializer.
    public init(label: String, path: String, isFile: Bool) {
        self.label = label
        self.path = path
        self.isFile = isFile
    }

    /// Whether `path` (absolute, links resolved) is this root or inside it.
    public func holds(_ path: String) -> Bool {
        if path == self.path { return true }
        guard !isFile else { return false }
        return path.hasPrefix(self.path.hasSuffix("/") ? self.path : self.path + "/")
    }

    /// `path` (which this root holds) relative to the root; empty for the root itself.
    func relative(_ path: String) -> String {
        guard path != self.path else { return "" }
        return String(path.dropFirst(self.path.hasSuffix("/") ? self.path.count : self.path.count + 1))
    }
}
