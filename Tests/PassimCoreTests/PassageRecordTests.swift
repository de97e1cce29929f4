import Foundation
import PassimArticles
import PassimXapian
import Testing

@testable import PassimCore

@Suite struct PassageRecordTests {
    static let records: [PassageRecord] = [
        PassageRecord(
            articleID: "notes/scars",
            passage: Passage(
                ordinal: 3, section: "Treatment", text: "Collagen remodelling softens atrophic scars.",
                location: SourceLocation(
                    byteStart: 120, byteEnd: 164, startLine: 7, startColumn: 1, endLine: 7, endColumn: 45),
                kind: .paragraph)),
        PassageRecord(
            articleID: "a",
            passage: Passage(
                ordinal: 1, section: nil, text: "",
                location: SourceLocation(
                    byteStart: 0, byteEnd: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1),
                kind: .list)),
        PassageRecord(
            articleID: "日本/研究",
            passage: Passage(
                ordinal: 70_000, section: "", text: "血小板 body’s\nsecond line\twith a tab",
                location: SourceLocation(
                    byteStart: 5_000_000_000, byteEnd: 5_000_000_040, startLine: 300_000, startColumn: 128,
                    endLine: 300_001, endColumn: 20),
                kind: .table)),
    ]

    @Test(arguments: records)
    func decodesWhatItEncodes(_ record: PassageRecord) throws {
        #expect(try PassageRecord.decode(record.encoded()) == record)
    }

    @Test func anEmptySectionIsNotAMissingOne() throws {
        let decoded = try PassageRecord.decode(Self.records[2].encoded())
        #expect(decoded.passage.section == "")
        #expect(try PassageRecord.decode(Self.records[1].encoded()).passage.section == nil)
    }

    @Test(
        arguments: [
            [],
            [0x05, 0x61],  // article id longer than the record
            [0x01, 0x61, 0x01, 0x07],  // unknown passage kind
            [0x01, 0x61, 0x01, 0x00, 0x00, 0x01, 0x02],  // location cut short
            Array(#"{"a":"x","o":1,"k":"paragraph","t":"text","r":[0,4,1,1,1,5]}"#.utf8),  // a schema 1 record
        ] as [[UInt8]])
    func refusesBytesThatAreNotARecord(_ bytes: [UInt8]) {
        #expect {
            _ = try PassageRecord.decode(bytes)
        } throws: { error in
            (error as? IndexError)?.code == .corrupt
        }
    }

    @Test func anArticleRecordDecodesWhatItEncodes() throws {
        let text =
            "Stem Cells\n\nStem cells repair the dermis. (SC)\n\nSources:\nhttps://example.org/a\nhttps://b.example.com/x\n"
        let article = try ArticleParser().parse(Array(text.utf8), id: "notes/日本", path: "/articles/notes/日本.txt")
        let record = ArticleRecord(article: article)
        #expect(record.sources.count == 2)
        #expect(try ArticleRecord.decode(record.encoded()) == record)
        let bare = try ArticleParser().parse(Array("Title\n\nText.\n".utf8), id: "a", path: "a.txt")
        #expect(try ArticleRecord.decode(ArticleRecord(article: bare).encoded()) == ArticleRecord(article: bare))
    }

    @Test(
        arguments: [
            [],
            [0x01, 0x61, 0x00, 0x00, 0x05],  // more sources than bytes
            [0x01, 0x61, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x07, 0x09],  // a byte past the modification time
            Array(
                #"{"id":"a","title":"","path":"a.txt","sources":[],"contentHash":"0","byteCount":1,"passageCount":1}"#
                    .utf8),
        ] as [[UInt8]])
    func refusesBytesThatAreNotAnArticleRecord(_ bytes: [UInt8]) {
        #expect {
            _ = try ArticleRecord.decode(bytes)
        } throws: { error in
            (error as? IndexError)?.code == .corrupt
        }
    }

    @Test func aSearcherRefusesAnIndexOfAnotherSchema() throws {
        let index = try TemporaryIndex()
        try FileManager.default.createDirectory(atPath: index.layout.directory, withIntermediateDirectories: true)
        let database = try WritableXapianDatabase(path: index.layout.database)
        try database.setMetadata("passim:schema", Array("2".utf8))
        try database.close()
        #expect {
            _ = try Searcher(layout: index.layout)
        } throws: { error in
            guard let error = error as? IndexError else { return false }
            return error.code == .incompatibleSchema && error.message.contains("delete the index and ingest again")
        }
    }
}
