/// The bytes of one article file and its identity.
public struct SourceFile: Sendable, Hashable {
    /// The article id (see ``CorpusEntry/id``).
    public var id: String
    public var path: String
    /// The file's bytes as read: UTF-8 text, maybe with a byte order mark.
    public var bytes: [UInt8]
    /// The file's modification time when it was read (nanoseconds since 1970); 0 when the
    /// bytes do not come from a file (an editor's buffer, a JSON Lines record).
    public var modified: Int64 = 0

    /// Creates a source file from bytes already in memory.
    public init(id: String, path: String, bytes: [UInt8]) {
        self.id = id
        self.path = path
        self.bytes = bytes
    }
}

/// Reads the article files under some paths, one at a time, each as bytes or as an error.
///
/// ```swift
/// for item in ArticleReader(paths: ["corpus"]) {
///     switch item {
///     case .success(let file): articles.append(try parser.parse(file))
///     case .failure(let error): print(error)   // "corpus/x.txt: the file is empty ..."
///     }
/// }
/// ```
/// Files are scanned first (see ``CorpusScanner``) and read lazily, so only one file's bytes
/// are held at a time. Content is checked on reading: an empty, binary, UTF-16 or non-UTF-8
/// file is an error here already, before parsing.
public struct ArticleReader: Sequence, Sendable {
    public let scanner: CorpusScanner

    /// Creates a reader over files and directories.
    public init(paths: [String]) {
        scanner = CorpusScanner(paths: paths)
    }

    /// Scans the paths and returns an iterator that reads each file when asked for it.
    public func makeIterator() -> Iterator {
        Iterator(entries: scanner.scan().makeIterator())
    }

    /// The largest article file read by default: far above any article (the seed articles
    /// are a few KB, a long report a few MB), far below what would strain the daemon's memory.
    public static let defaultMaxFileBytes = 64 << 20

    /// The first `count` bytes of the regular file at `path` (fewer when it is shorter), read
    /// as articles are: a FIFO or device there is refused without waiting on it.
    public static func readPrefix(_ path: String, count: Int) throws(ArticleError) -> [UInt8] {
        try FileSystem.readPrefix(path, count: count).get()
    }

    /// The size and modification time (nanoseconds since 1970) of the file at `path`, as an
    /// ingest records them in `Article.byteCount` and `Article.modified`; nil when it is gone.
    public static func stamp(_ path: String) -> (size: Int, modified: Int64)? {
        FileSystem.stamp(path)
    }

    /// Reads and checks one file of at most `maxBytes` bytes.
    public static func read(_ entry: CorpusEntry, maxBytes: Int = defaultMaxFileBytes) throws(ArticleError)
        -> SourceFile
    {
        let (bytes, modified) = try FileSystem.readStamped(entry.path, maxBytes: maxBytes).get()
        // A web page may be in the encoding it declares; the parser reads it in that.
        try ContentCheck.validate(bytes, path: entry.path, requiringUTF8: ArticleFormat(path: entry.path) != .html)
        var file = SourceFile(id: entry.id, path: entry.path, bytes: bytes)
        file.modified = modified
        return file
    }

    /// Yields each scanned file, read, or the error that stops it from being used.
    public struct Iterator: IteratorProtocol {
        var entries: IndexingIterator<[Result<CorpusEntry, ArticleError>]>

        public mutating func next() -> Result<SourceFile, ArticleError>? {
            guard let entry = entries.next() else { return nil }
            return entry.flatMap { entry in
                Result { () throws(ArticleError) in try ArticleReader.read(entry) }
            }
        }
    }
}
