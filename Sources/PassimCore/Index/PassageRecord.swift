import PassimArticles

/// What a passage's Xapian document stores as its data: enough to show a hit without
/// opening the source file.
///
/// Written once per passage and read once per hit, so it is a compact binary record rather
/// than JSON (``RecordWriter``'s varints and counted strings), in this order: article id,
/// ordinal, kind (0 paragraph, 1 list, 2 table), section (0 = none, else its byte count + 1,
/// then its bytes), byteStart, byteEnd, startLine, startColumn, endLine, endColumn, the
/// number of source map pieces (0 for text that is the file's bytes) and for each its text
/// offset, verbatim flag (0 or 1) and six location numbers as above (schema 7), and the text's
/// bytes to the end of the record.
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
        let pieces = passage.map?.pieces ?? []
        out.varint(pieces.count)
        for piece in pieces {
            out.varint(piece.textStart)
            out.byte(piece.verbatim ? 1 : 0)
            let p = piece.location
            for value in [p.byteStart, p.byteEnd, p.startLine, p.startColumn, p.endLine, p.endColumn] {
                out.varint(value)
            }
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
        let location = try Self.location(&reader)
        guard let pieceCount = reader.varint(), pieceCount <= bytes.count else { throw malformed() }
        var map: SourceMap?
        if pieceCount > 0 {
            var pieces: [SourceMap.Piece] = []
            pieces.reserveCapacity(pieceCount)
            for _ in 0..<pieceCount {
                guard let textStart = reader.varint(), let verbatim = reader.byte() else { throw malformed() }
                pieces.append(
                    SourceMap.Piece(textStart: textStart, location: try Self.location(&reader), verbatim: verbatim == 1)
                )
            }
            map = SourceMap(pieces: pieces)
        }
        let text = reader.rest()
        return PassageRecord(
            articleID: articleID,
            passage: Passage(
                ordinal: ordinal, section: section, text: text, location: location, kind: passageKind, map: map))
    }

    private static func location(_ reader: inout RecordReader) throws(IndexError) -> SourceLocation {
        var numbers: [Int] = []
        numbers.reserveCapacity(6)
        for _ in 0..<6 {
            guard let value = reader.varint() else { throw malformed() }
            numbers.append(value)
        }
        return SourceLocation(
            byteStart: numbers[0], byteEnd: numbers[1], startLine: numbers[2], startColumn: numbers[3],
            endLine: numbers[4], endColumn: numbers[5])
    }

    private static func malformed() -> IndexError {
        IndexError(.corrupt, "a passage record cannot be read: delete the index and ingest again")
    }

    private static func code(of kind: PassageKind) -> UInt8 {
        switch kind {
        case .paragraph: 0
        case .list: 1
        case .table: 2
        case .code: 3
        }
    }

    private static func kind(of code: UInt8) -> PassageKind? {
        switch code {
        case 0: .paragraph
        case 1: .list
        case 2: .table
        case 3: .code
        default: nil
        }
    }
}
