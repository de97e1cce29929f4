import Foundation
import PassimXapian
import Testing

@testable import PassimCore

/// A fresh build publishes by moving Xapian's own files; these tests pin the files Xapian 1.4
/// writes, so an upgrade that changes them fails here instead of publishing half an index.
@Suite struct GlassFilesTests {
    @Test func aDatabaseWithEveryTableInUseHasExactlyTheFilesPublishingMoves() throws {
        let index = try TemporaryIndex()
        let path = index.directory.appendingPathComponent("full").path
        let database = try WritableXapianDatabase(path: path)
        let document = XapianDocument()
        try document.addPosting("Zcollagen", position: 1)
        try document.addValue(slot: 0, "a")
        try document.setData(Array("passage".utf8))
        _ = try database.add(document)
        try database.addSpelling("collagen")
        try database.addSynonym("svf", "stromal vascular fraction")
        try database.setMetadata("key", Array("value".utf8))
        try database.commit()
        try database.close()
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: path))
        #expect(files == GlassFiles.tables.union([GlassFiles.version, GlassFiles.lock]))
    }

    @Test func aFileItDoesNotKnowStopsPublishingBeforeAnythingMoves() throws {
        let index = try TemporaryIndex()
        let source = index.directory.appendingPathComponent("merged").path
        let destination = index.directory.appendingPathComponent("db").path
        let database = try WritableXapianDatabase(path: source)
        _ = try database.add(XapianDocument())
        try database.commit()
        try database.close()
        try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: source + "/newtable.glass2", contents: Data()))
        #expect {
            try GlassFiles.publish(source, into: destination)
        } throws: { error in
            (error as? IndexError)?.message.contains("newtable.glass2") == true
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination).isEmpty)
    }
}
