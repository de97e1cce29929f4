import Foundation
import PassimArticles

/// The folders and files an index was built from, and the rule that names articles by them.
///
/// An article's id is its file's path relative to the deepest root that holds it, without the
/// extension, after that root's label: the same file gets the same id whichever argument
/// reached it (the file itself, its folder, a folder above), and two roots holding the same
/// relative name give two articles. The home root (the `corpus/` beside the index) has no
/// label, so a project's ids are its paths in `corpus/`, and it follows the index when the
/// project is moved or copied. Another root that is gone from where it was is moved (it keeps
/// its label, so its articles keep their ids) when a folder of the same name is ingested: a
/// moved corpus is re-read in place, never duplicated.
public struct CorpusRoots: Sendable, Hashable {
    /// The roots, in the order they were first ingested.
    public private(set) var all: [CorpusRoot]

    /// The index metadata key the roots are stored under.
    static let metadataKey = "roots"

    /// Roots as recorded.
    public init(_ all: [CorpusRoot] = []) {
        self.all = all
    }

    /// What `adopt` did.
    public struct Adoption: Sendable, Hashable {
        /// The root the path belongs to.
        public var root: CorpusRoot
        /// Where the root was before, when it was gone from there and has moved to `root.path`.
        public var movedFrom: String?
    }

    /// The deepest root holding `path` (absolute, links resolved), or nil.
    public func root(holding path: String) -> CorpusRoot? {
        all.filter { $0.holds(path) }.max { $0.path.count < $1.path.count }
    }

    /// The root `path` (absolute, links resolved; a folder, or a file when `isFile`) belongs to:
    /// the deepest root holding it, else a new root, or a gone root of the same label moved here.
    /// `home` is the home root's path (see ``IndexLayout/homeCorpus``).
    public mutating func adopt(_ path: String, isFile: Bool, home: String) -> Adoption {
        if let root = root(holding: path) { return Adoption(root: root) }
        // The home root follows the index: a moved or copied project reads its own corpus/.
        if path == home, let index = all.firstIndex(where: { $0.label.isEmpty }) {
            let old = all[index].path
            all[index].path = path
            return Adoption(root: all[index], movedFrom: old)
        }
        let name = Self.baseLabel(of: path, isFile: isFile)
        let wanted = path == home ? "" : name
        if let index = all.firstIndex(where: { $0.label == wanted }) {
            let gone = !FileManager.default.fileExists(atPath: all[index].path)
            if gone && all[index].isFile == isFile {
                let old = all[index].path
                all[index].path = path
                return Adoption(root: all[index], movedFrom: old)
            }
        }
        var label = wanted
        var suffix = 2
        while all.contains(where: { $0.label == label }) {
            label = "\(name)-\(suffix)"
            suffix += 1
        }
        let root = CorpusRoot(label: label, path: path, isFile: isFile)
        all.append(root)
        return Adoption(root: root)
    }

    /// The id of the article file at `path` (absolute, links resolved up to the root): its path
    /// in the deepest root holding it, without the extension, after the root's label; nil when
    /// no root holds it.
    public func articleID(of path: String) -> String? {
        guard let root = root(holding: path) else { return nil }
        if root.isFile { return root.label }
        let local = CorpusScanner.articleID(forRelativePath: root.relative(path))
        return root.label.isEmpty ? local : root.label + "/" + local
    }

    /// Prefixes that the id of every article at or under `path` starts with (other ids may
    /// start with them too: callers check the records' paths); nil when no root holds `path`.
    /// Roots nested below `path` name their articles by their own labels, so theirs are added.
    public func idPrefixes(under path: String) -> [String]? {
        guard let root = root(holding: path) else { return nil }
        var prefixes: [String]
        if root.isFile {
            prefixes = [root.label]
        } else {
            let relative = root.relative(path)
            let local = relative.isEmpty ? "" : CorpusScanner.articleID(forRelativePath: relative)
            prefixes = [root.label.isEmpty ? local : root.label + "/" + local]
        }
        let below = path.hasSuffix("/") ? path : path + "/"
        for nested in all where nested.path.hasPrefix(below) {
            prefixes.append(nested.label.isEmpty || nested.isFile ? nested.label : nested.label + "/")
        }
        return prefixes
    }

    /// A new root's label: its folder's name, or its file's name without the extension.
    private static func baseLabel(of path: String, isFile: Bool) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? "root"
        return isFile ? CorpusScanner.articleID(forRelativePath: name) : name
    }

    func encoded() -> [UInt8] {
        var out = RecordWriter()
        out.varint(all.count)
        for root in all {
            out.string(root.label)
            out.string(root.path)
            out.varint(root.isFile ? 1 : 0)
        }
        return out.bytes
    }

    /// Reads stored roots; none when nothing is stored (an index written before roots).
    static func decode(_ bytes: [UInt8], directory: String) throws(IndexError) -> CorpusRoots {
        guard !bytes.isEmpty else { return CorpusRoots() }
        var reader = RecordReader(bytes)
        var roots: [CorpusRoot] = []
        guard let count = reader.varint(), count <= bytes.count else { throw malformed(directory) }
        for _ in 0..<count {
            guard let label = reader.string(), let path = reader.string(), let kind = reader.varint(), kind <= 1 else {
                throw malformed(directory)
            }
            roots.append(CorpusRoot(label: label, path: path, isFile: kind == 1))
        }
        guard reader.atEnd else { throw malformed(directory) }
        return CorpusRoots(roots)
    }

    private static func malformed(_ directory: String) -> IndexError {
        IndexError(
            .corrupt, "the corpus roots stored in \(directory) cannot be read: delete the index and ingest again")
    }
}
