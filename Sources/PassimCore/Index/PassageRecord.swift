import Foundation
import PassimArticles

/// What a passage's Xapian document stores as its data: enough to show a hit without
/// opening the source file.
///
/// Written once per passage and read once per hit, so it is a compact binary record rather
/// than JSON (schema 2): unsigned LEB128 varints for integers, a varint byte count before each
/// string, in this order: article id, ordinal, kind (0 paragraph, 1 list, 2 table), section
/// (0 = none, else its byte count + 1, then its bytes), byteStart, byteEnd, startLine,
/// startColumn, endLine, endColumn, and the text's bytes to the end of the record.
struct PassageRecord: Sendable, Hashable {
    var articleID: String
    var passage: Passage

    init(articleID: String, passage: Passage) {
        self.articleID = articleID
        self.passage = passage
    }

    func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(passage.text.utf8.count + articleID.utf8.count + (passage.section?.utf8.count ?? 0) + 24)
        Self.appendString(articleID, to: &out)
        Self.appendVarint(passage.ordinal, to: &out)
        out.append(Self.code(of: passage.kind))
        if let section = passage.section {
            Self.appendVarint(section.utf8.count + 1, to: &out)
            out.append(contentsOf: section.utf8)
        } else {
            out.append(0)
        }
        let l = passage.location
        for value in [l.byteStart, l.byteEnd, l.startLine, l.startColumn, l.endLine, l.endColumn] {
            Self.appendVarint(value, to: &out)
        }
        out.append(contentsOf: passage.text.utf8)
        return out
    }

    /// Reads a record; `.corrupt` when the bytes are not one (an index of another schema).
    static func decode(_ bytes: [UInt8]) throws(IndexError) -> PassageRecord {
        var reader = Reader(bytes: bytes)
        guard let articleID = reader.string(), let ordinal = reader.varint(), let kindCode = reader.byte(),
            let passageKind = Self.kind(of: kindCode), let sectionCount = reader.varint()
        else { throw malformed() }
        var section: String?
        if sectionCount > 0 {
            guard let text = reader.string(count: sectionCount - 1) else { throw malformed() }
            section = text
        }
        var numbers: [Int] = []
        numbers.reserveCapacity(6)
        for _ in 0..<6 {
            guard let value = reader.varint() else { throw malformed() }
            numbers.append(value)
        }
        let location = SourceLocation(
            byteStart: numbers[0], byteEnd: numbers[1], startLine: numbers[2], startColumn: numbers[3],
            endLine: numbers[4], endColumn: numbers[5])
        let text = reader.rest()
        return PassageRecord(
            articleID: articleID,
            passage: Passage(ordinal: ordinal, section: section, text: text, location: location, kind: passageKind))
    }

    private static func malformed() -> IndexError {
        IndexError(.corrupt, "a passage record cannot be read: delete the index and ingest again")
    }

    private static func code(of kind: PassageKind) -> UInt8 {
        switch kind {
        case .paragraph: 0
        case .list: 1
        case .table: 2
        }
    }

    private static func kind(of code: UInt8) -> PassageKind? {
        switch code {
        case 0: .paragraph
        case 1: .list
        case 2: .table
        default: nil
        }
    }

    private static func appendVarint(_ value: Int, to out: inout [UInt8]) {
        precondition(value >= 0, "passage record numbers are never negative")
        var rest = UInt(value)
        while rest >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }

    private static func appendString(_ string: String, to out: inout [UInt8]) {
        appendVarint(string.utf8.count, to: &out)
        out.append(contentsOf: string.utf8)
    }

    /// A cursor over the record's bytes; every read answers nil past the end.
    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func byte() -> UInt8? {
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func varint() -> Int? {
            var value: UInt = 0
            var shift: UInt = 0
            while let byte = byte() {
                guard shift < 63 else { return nil }
                value |= UInt(byte & 0x7F) << shift
                if byte < 0x80 { return Int(exactly: value) }
                shift += 7
            }
            return nil
        }

        mutating func string() -> String? {
            guard let count = varint() else { return nil }
            return string(count: count)
        }

        mutating func string(count: Int) -> String? {
            guard count <= bytes.count - offset else { return nil }
            defer { offset += count }
            return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
        }

        mutating func rest() -> String {
            defer { offset = bytes.count }
            return String(decoding: bytes[offset...], as: UTF8.self)
        }
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
