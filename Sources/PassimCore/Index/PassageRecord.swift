import PassimArticles

/// What a passage's Xapian document stores as its data: enough to show a hit without
/// opening the source file.
///
/// Written once per passage and read once per hit, so it is a compact binary record rather
/// than JSON (``RecordWriter``'s varints and counted strings), in this order: article id,
/// ordinal, kind (0 paragraph, 1 list, 2 table), section (0 = none, else its byte count + 1,
/// then its bytes), byteStart, byteEnd, startLine, startColumn, endLine, endColumn, and the
/// text's bytes to the end of the record.
struct PassageRecord: Sendable, Hashable {
    var articleID: String
    var passage: Passage

    init(articleID: String, passage: Passage) {
        self.articleID = articleID
        self.passage = passage
    }

    func encoded() -> [UInt8] {
        var out = RecordWriter(
            capacity: passage.text.utf8.count + articleID.utf8.count + (passage.section?.utf8.count ?? 0) + 24)
        out.string(articleID)
        out.varint(passage.ordinal)
        out.byte(Self.code(of: passage.kind))
        if let section = passage.section {
            out.varint(section.utf8.count + 1)
            out.rest(section)
        } else {
            out.varint(0)
        }
        let l = passage.location
        for value in [l.byteStart, l.byteEnd, l.startLine, l.startColumn, l.endLine, l.endColumn] {
            out.varint(value)
        }
        out.rest(passage.text)
        return out.bytes
    }

    /// Reads a record; `.corrupt` when the bytes are not one (an index of another schema).
    static func decode(_ bytes: [UInt8]) throws(IndexError) -> PassageRecord {
        var reader = RecordReader(bytes)
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
}
