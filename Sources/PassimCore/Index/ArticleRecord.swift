import PassimArticles

/// What the index remembers about an article (stored as Xapian metadata `article:<id>`).
///
/// Stored as a binary record (``RecordWriter``'s varints and counted strings): id, title,
/// path, number of sources and each source, content hash, byte count, passage count, and the
/// file's modification time (schema 6), the file's format (schema 7), and whether the title was
/// derived from the text (schema 8: 1 or 0).
/// The daemon reads every record when it starts and when the index changes, so decoding it
/// is on the way to the first answer.
public struct ArticleRecord: Codable, Sendable, Hashable {
    public var id: String
    public var title: String
    public var path: String
    public var sources: [String]
    public var contentHash: String
    public var byteCount: Int
    public var passageCount: Int
    /// The file's modification time when it was read (nanoseconds since 1970), 0 when unknown.
    public var modified: Int64
    /// How the file is written: for any format but text, passage texts are not the file's
    /// bytes, and each passage's map says where they come from.
    public var format: ArticleFormat
    /// The title was derived from the first sentence or the file name, not written as one: its
    /// words are not ranking terms of the passages (they are the first passage's own words).
    public var titleIsDerived: Bool

    init(article: Article) {
        id = article.id
        title = article.title
        path = article.path
        sources = article.sources
        contentHash = article.contentHash
        byteCount = article.byteCount
        passageCount = article.passages.count
        modified = max(0, article.modified)
        format = article.format
        titleIsDerived = article.titleIsDerived
    }

    func encoded() -> [UInt8] {
        var out = RecordWriter(capacity: id.utf8.count + title.utf8.count + path.utf8.count + 40)
        out.string(id)
        out.string(title)
        out.string(path)
        out.varint(sources.count)
        for source in sources {
            out.string(source)
        }
        out.string(contentHash)
        out.varint(byteCount)
        out.varint(passageCount)
        out.varint(Int(modified))
        out.string(format.rawValue)
        out.byte(titleIsDerived ? 1 : 0)
        return out.bytes
    }

    /// Reads a record; `.corrupt` when the bytes are not one (an index of another schema).
    static func decode(_ bytes: [UInt8]) throws(IndexError) -> ArticleRecord {
        var reader = RecordReader(bytes)
        guard let id = reader.string(), let title = reader.string(), let path = reader.string(),
            let count = reader.varint(), count <= bytes.count
        else { throw malformed() }
        var sources: [String] = []
        sources.reserveCapacity(count)
        for _ in 0..<count {
            guard let source = reader.string() else { throw malformed() }
            sources.append(source)
        }
        guard let contentHash = reader.string(), let byteCount = reader.varint(), let passageCount = reader.varint(),
            let modified = reader.varint(), let formatName = reader.string(),
            let format = ArticleFormat(rawValue: formatName), let derived = reader.byte(), derived <= 1, reader.atEnd
        else { throw malformed() }
        return ArticleRecord(
            id: id, title: title, path: path, sources: sources, contentHash: contentHash, byteCount: byteCount,
            passageCount: passageCount, modified: Int64(modified), format: format, titleIsDerived: derived == 1)
    }

    private init(
        id: String, title: String, path: String, sources: [String], contentHash: String, byteCount: Int,
        passageCount: Int, modified: Int64, format: ArticleFormat, titleIsDerived: Bool
    ) {
        self.format = format
        self.titleIsDerived = titleIsDerived
        self.id = id
        self.title = title
        self.path = path
        self.sources = sources
        self.contentHash = contentHash
        self.byteCount = byteCount
        self.passageCount = passageCount
        self.modified = modified
    }

    private static func malformed() -> IndexError {
        IndexError(.corrupt, "an article record cannot be read: delete the index and ingest again")
    }
}
