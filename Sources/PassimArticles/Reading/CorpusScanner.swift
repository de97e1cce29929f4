/// An article file found by a scan: its id and where it is.
public struct CorpusEntry: Sendable, Hashable {
    /// The path relative to the scanned directory without its extension (`sub/a` for
    /// `root/sub/a.txt`); for a file given directly, its name without extension.
    public var id: String
    /// The file's path: the given root joined with the relative path.
    public var path: String

    /// Creates an entry.
    public init(id: String, path: String) {
        self.id = id
        self.path = path
    }
}

/// Finds the article files under the given paths, in a deterministic order.
///
/// Directories are walked recursively, names sorted byte-wise at each level; only `.txt` and
/// `.md` files count (any case), hidden files and folders and `README.*` files are skipped, and
/// a file reached twice (a link, or a path given twice) is listed once. A file given directly
/// is taken whatever its extension. Problems are per path: the scan goes on after them.
public struct CorpusScanner: Sendable {
    /// Extensions of article files, lower-cased.
    public static let extensions: Set<String> = ["txt", "md"]

    /// The files and directories to scan, in order.
    public var paths: [String]

    /// Creates a scanner over files and directories.
    public init(paths: [String]) {
        self.paths = paths
    }

    /// The article files found, and an error for each path or file that cannot be used.
    public func scan() -> [Result<CorpusEntry, ArticleError>] {
        var scan = Scan()
        for root in paths {
            switch FileSystem.status(root) {
            case .failure(let error) where error.reason == .notFound && root.contains("\u{FFFD}"):
                // A path given on the command line that is not UTF-8 arrives repaired (Swift
                // decodes arguments that way), so "no such file" would mislead.
                scan.results.append(.failure(ArticleError(path: root, reason: .pathNotUTF8)))
            case .failure(let error):
                scan.results.append(.failure(error))
            case .success(let status) where status.kind == .directory:
                // A directory reached again (given twice, or inside an earlier root) adds nothing.
                guard scan.visited.insert(status.identity).inserted else { continue }
                let before = scan.results.count
                scan.walk(directory: root, relative: "")
                if scan.results.count == before {
                    scan.results.append(.failure(ArticleError(path: root, reason: .noArticleFiles)))
                }
            case .success(let status) where status.kind == .regular:
                scan.add(
                    id: Self.articleID(forRelativePath: Self.name(of: root)), path: root, identity: status.identity)
            case .success:
                scan.results.append(.failure(ArticleError(path: root, reason: .notRegularFile)))
            }
        }
        return scan.results
    }

    /// Whether a directory entry named `name` is an article file by its name.
    public static func isArticleName(_ name: String) -> Bool {
        guard !name.hasPrefix("."), let dot = name.lastIndex(of: ".") else { return false }
        let stem = name[..<dot].lowercased()
        let ext = name[name.index(after: dot)...].lowercased()
        return extensions.contains(ext) && stem != "readme" && !stem.isEmpty
    }

    static func name(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The article id of a file at `path` relative to its scanned folder: the path without the
    /// extension of its last component (`notes/draft.md` is `notes/draft`). The one rule for
    /// ids, for scanned files and for texts ingested inline under a name.
    public static func articleID(forRelativePath path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/"),
            dot != path.startIndex, path[path.index(before: dot)] != "/"
        else { return path }
        return String(path[..<dot])
    }

    /// The state of one scan: results so far, ids taken, files and directories seen.
    private struct Scan {
        var results: [Result<CorpusEntry, ArticleError>] = []
        var firstPathOfID: [String: String] = [:]
        var files: Set<FileSystem.FileIdentity> = []
        var visited: Set<FileSystem.FileIdentity> = []

        mutating func add(id: String, path: String, identity: FileSystem.FileIdentity) {
            guard files.insert(identity).inserted else { return }
            if let first = firstPathOfID[id] {
                let reason = ArticleError.Reason.duplicateID(id: id, firstPath: first)
                results.append(.failure(ArticleError(path: path, reason: reason)))
            } else {
                firstPathOfID[id] = path
                results.append(.success(CorpusEntry(id: id, path: path)))
            }
        }

        mutating func walk(directory: String, relative: String) {
            let entries: [FileSystem.Name]
            switch FileSystem.entries(directory) {
            case .failure(let error):
                results.append(.failure(error))
                return
            case .success(let found):
                entries = found.sorted { $0.text.utf8.lexicographicallyPrecedes($1.text.utf8) }
            }
            for entry in entries where !entry.text.hasPrefix(".") {
                let name = entry.text
                let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                let isArticle = CorpusScanner.isArticleName(name)
                if let bytes = entry.invalidBytes {
                    // Its path cannot be opened from a String: say why, if it may hold articles.
                    if isArticle || entry.isDirectory {
                        results.append(.failure(ArticleError(path: path, reason: .invalidFileName(bytes: bytes))))
                    }
                    continue
                }
                switch FileSystem.status(path) {
                case .failure(let error):
                    // A dangling link named like an article is worth a word; others are noise.
                    if isArticle { results.append(.failure(error)) }
                case .success(let status):
                    switch status.kind {
                    case .directory:
                        if visited.insert(status.identity).inserted {
                            walk(directory: path, relative: childRelative)
                        }
                    case .regular where isArticle:
                        let id = CorpusScanner.articleID(forRelativePath: childRelative)
                        add(id: id, path: path, identity: status.identity)
                    case .other where isArticle:
                        results.append(.failure(ArticleError(path: path, reason: .notRegularFile)))
                    case .regular, .other:
                        continue
                    }
                }
            }
        }
    }
}
