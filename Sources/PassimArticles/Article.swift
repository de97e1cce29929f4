/// An acronym defined in an article's text, e.g. "stromal vascular fraction, or SVF".
public struct Acronym: Sendable, Hashable, Codable {
    /// The short form as written, e.g. `MSCs`.
    public var short: String
    /// The long form as written, e.g. `Mesenchymal Stem Cells`.
    public var long: String

    public init(short: String, long: String) {
        self.short = short
        self.long = long
    }

    /// The acronyms `texts` define ("stromal vascular fraction (SVF)", "SVF (stromal vascular
    /// fraction)", "stromal vascular fraction, or SVF"), in order of appearance, each once.
    public static func defined(in texts: some Sequence<String>) -> [Acronym] {
        var acronyms: [Acronym] = []
        for text in texts {
            for acronym in AcronymFinder.definitions(in: text) where !acronyms.contains(acronym) {
                acronyms.append(acronym)
            }
        }
        return acronyms
    }
}

/// A parsed source article: identity, metadata and passages.
public struct Article: Sendable, Hashable, Codable {
    /// Stable id: the path relative to the corpus root, without its extension.
    public var id: String
    /// The file's path as given to the parser.
    public var path: String
    public var title: String
    /// True when the file has no title line and the title was derived from its text or name.
    public var titleIsDerived: Bool
    /// Source URLs from a trailing "Sources" list: metadata, not passage text.
    public var sources: [String]
    public var passages: [Passage]
    public var acronyms: [Acronym]
    /// A fingerprint of the file's bytes (64-bit FNV-1a in hex), for incremental ingestion:
    /// it detects changes, it is not a security checksum.
    public var contentHash: String
    /// Size of the file in bytes.
    public var byteCount: Int
    /// The file's modification time when it was read (nanoseconds since 1970), 0 when unknown:
    /// with `byteCount`, how a reader tells at a glance that the file may have changed.
    public var modified: Int64 = 0
    /// How the file is written; for any format but text, passages carry a ``SourceMap``.
    public var format: ArticleFormat = .text

    public init(
        id: String, path: String, title: String, titleIsDerived: Bool, sources: [String],
        passages: [Passage], acronyms: [Acronym], contentHash: String, byteCount: Int
    ) {
        self.id = id
        self.path = path
        self.title = title
        self.titleIsDerived = titleIsDerived
        self.sources = sources
        self.passages = passages
        self.acronyms = acronyms
        self.contentHash = contentHash
        self.byteCount = byteCount
    }
}
