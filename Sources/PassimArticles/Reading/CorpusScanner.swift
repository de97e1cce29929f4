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

/// A file a scan passed over, and why: nothing is skipped silently (hidden names aside).
public struct SkippedFile: Sendable, Hashable, Codable {
    /// Why a file was not read.
    public enum Reason: String, Sendable, Hashable, Codable {
        /// Its extension is not one of an article file's.
        case unsupportedType = "not an article file type"
        /// A `README.*` file: about the folder, not an article.
        case readme = "a README"
        /// A `.passimignore` pattern excludes it (or the folder it is in).
        case ignored = "excluded by .passimignore"
    }

    public var path: String
    public var reason: Reason

    /// Creates a record of a skipped file.
    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }
}

/// Finds the article files under the given paths, in a deterministic order.
///
/// Directories are walked recursively, names sorted byte-wise at each level; only `.txt`,
/// `.md`, `.markdown`, `.html` and `.htm` files count (any case); other files, `README.*` files and what a `.passimignore` file
/// (``IgnoreRules``) excludes are skipped and listed; hidden files and folders are passed over
/// unlisted. A file reached twice (a link, or a path given twice) is listed once. A file given
/// directly is taken whatever its extension. Problems are per path: the scan goes on after them.
public struct CorpusScanner: Sendable {
    /// Extensions of article files, lower-cased.
    public static let extensions: Set<String> = ["txt", "md", "markdown", "html", "htm"]

    /// How a found file is named: from the index of the path it was found under and its path
    /// relative to that path (its name, for a file given directly), the article id.
    public typealias Naming = @Sendable (_ base: Int, _ relativePath: String) -> String

    /// The files and directories to scan, in order.
    public var paths: [String]
    /// The id rule; by default ``articleID(forRelativePath:)`` of the relative path.
    public var naming: Naming

    /// Creates a scanner over files and directories.
    public init(paths: [String], naming: @escaping Naming = { _, relative in articleID(forRelativePath: relative) }) {
        self.paths = paths
        self.naming = naming
    }

    /// The article files found, and an error for each path or file that cannot be used.
    public func scan() -> [Result<CorpusEntry, ArticleError>] {
        scanReportingSkipped().results
    }

    /// ``scan()``'s results, and the files it passed over.
    public func scanReportingSkipped() -> (results: [Result<CorpusEntry, ArticleError>], skipped: [SkippedFile]) {
        var scan = Scan(naming: naming)
        for (base, root) in paths.enumerated() {
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
                scan.walk(directory: root, relative: "", base: base, rules: [])
                if scan.results.count == before {
                    scan.results.append(.failure(ArticleError(path: root, reason: .noArticleFiles)))
                }
            case .success(let status) where status.kind == .regular:
                scan.add(id: naming(base, Self.name(of: root)), path: root, identity: status.identity)
            case .success:
                scan.results.append(.failure(ArticleError(path: root, reason: .notRegularFile)))
            }
        }
        return (scan.results, scan.skipped)
    }

    /// Whether the `.passimignore` files from `root` down to `path`'s folder exclude `path` or a
    /// folder above it: what a walk of `root` would pass over.
    public static func isExcluded(_ path: String, root: String) -> Bool {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        guard path.hasPrefix(prefix) else { return false }
        let parts = path.dropFirst(prefix.count).split(separator: "/").map(String.init)
        var rules: [(folder: String, rules: IgnoreRules)] = []
        var relative = ""
        var folder = String(prefix.dropLast())
        for (index, part) in parts.enumerated() {
            if let text = FileSystem.smallText(folder + "/" + IgnoreRules.fileName) {
                let parsed = IgnoreRules(text)
                if !parsed.isEmpty { rules.append((relative, parsed)) }
            }
            let child = relative.isEmpty ? part : relative + "/" + part
            let isDirectory: Bool
            if index < parts.count - 1 {
                isDirectory = true
            } else if case .success(let status) = FileSystem.status(path) {
                isDirectory = status.kind == .directory
            } else {
                isDirectory = false
            }
            if Scan.excluded(child, isDirectory: isDirectory, by: rules) { return true }
            relative = child
            folder += "/" + part
        }
        return false
    }

    /// Whether a directory entry named `name` is an article file by its name.
    public static func isArticleName(_ name: String) -> Bool {
        skipReason(name) == nil && !name.hasPrefix(".")
    }

    /// Why a file named `name` is not an article file, or nil when it is one.
    static func skipReason(_ name: String) -> SkippedFile.Reason? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return .unsupportedType }
        let stem = name[..<dot].lowercased()
        let ext = name[name.index(after: dot)...].lowercased()
        guard extensions.contains(ext) else { return .unsupportedType }
        return stem == "readme" ? .readme : nil
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

    /// The state of one scan: results so far, ids taken, files and directories seen, files skipped.
    private struct Scan {
        let naming: Naming
        var results: [Result<CorpusEntry, ArticleError>] = []
        var firstPathOfID: [String: String] = [:]
        var files: Set<FileSystem.FileIdentity> = []
        var visited: Set<FileSystem.FileIdentity> = []
        var skipped: [SkippedFile] = []

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

        /// Walks `directory` (`relative` to the scanned path), with the ignore rules of the
        /// folders above it, innermost last (each with its folder's path relative to the scan).
        mutating func walk(
            directory: String, relative: String, base: Int, rules: [(folder: String, rules: IgnoreRules)]
        ) {
            var rules = rules
            let ignoreFile = (directory.hasSuffix("/") ? directory : directory + "/") + IgnoreRules.fileName
            if let text = FileSystem.smallText(ignoreFile) {
                let parsed = IgnoreRules(text)
                if !parsed.isEmpty { rules.append((relative, parsed)) }
            }
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
                    if Self.excluded(childRelative, isDirectory: status.kind == .directory, by: rules) {
                        skipped.append(SkippedFile(path: path, reason: .ignored))
                        continue
                    }
                    switch status.kind {
                    case .directory:
                        if visited.insert(status.identity).inserted {
                            walk(directory: path, relative: childRelative, base: base, rules: rules)
                        }
                    case .regular where isArticle:
                        add(id: naming(base, childRelative), path: path, identity: status.identity)
                    case .other where isArticle:
                        results.append(.failure(ArticleError(path: path, reason: .notRegularFile)))
                    case .regular:
                        skipped.append(
                            SkippedFile(path: path, reason: CorpusScanner.skipReason(name) ?? .unsupportedType))
                    case .other:
                        continue
                    }
                }
            }
        }

        /// Whether the innermost rules that decide about `path` (relative to the scan) exclude it.
        static func excluded(
            _ path: String, isDirectory: Bool, by rules: [(folder: String, rules: IgnoreRules)]
        ) -> Bool {
            for (folder, set) in rules.reversed() {
                let inside = folder.isEmpty ? path : String(path.dropFirst(folder.count + 1))
                if let verdict = set.excludes(inside, isDirectory: isDirectory) { return verdict }
            }
            return false
        }
    }
}
