import Foundation
import PassimArticles

/// What a passage's Xapian document stores as its data: enough to show a hit without
/// opening the source file. Keys are short because this is written once per passage.
struct PassageRecord: Codable, Sendable, Hashable {
    /// Article id.
    var a: String
    /// Ordinal in the article (1-based).
    var o: Int
    /// Section heading.
    var s: String?
    /// Passage kind.
    var k: PassageKind
    /// Text (the source bytes of the range).
    var t: String
    /// byteStart, byteEnd, startLine, startColumn, endLine, endColumn.
    var r: [Int]

    init(articleID: String, passage: Passage) {
        a = articleID
        o = passage.ordinal
        s = passage.section
        k = passage.kind
        t = passage.text
        let l = passage.location
        r = [l.byteStart, l.byteEnd, l.startLine, l.startColumn, l.endLine, l.endColumn]
    }

    var articleID: String { a }

    var passage: Passage? {
        guard r.count == 6 else { return nil }
        let location = SourceLocation(
            byteStart: r[0], byteEnd: r[1], startLine: r[2], startColumn: r[3], endLine: r[4], endColumn: r[5])
        return Passage(ordinal: o, section: s, text: t, location: location, kind: k)
    }

    func encoded() throws -> [UInt8] {
        Array(try JSONEncoder().encode(self))
    }

    static func decode(_ bytes: [UInt8]) throws -> PassageRecord {
        try JSONDecoder().decode(PassageRecord.self, from: Data(bytes))
    }
}

/// What the index remembers about an article (stored as Xapian metadata `article:<id>`).
public struct ArticleRecord: Codable, Sendable, Hashable {
    public var id: String
    public var title: String
    public var path: String
    public var sources: [String]
    public var contentHash: String
    public var byteCount: Int
    public var passageCount: Int

    init(article: Article) {
        id = article.id
        title = article.title
        path = article.path
        sources = article.sources
        contentHash = article.contentHash
        byteCount = article.byteCount
        passageCount = article.passages.count
    }

    func encoded() throws -> [UInt8] {
        Array(try JSONEncoder().encode(self))
    }

    static func decode(_ bytes: [UInt8]) throws -> ArticleRecord {
        try JSONDecoder().decode(ArticleRecord.self, from: Data(bytes))
    }
}
