import Foundation
import PassimAnalysis
import PassimArticles
import PassimXapian
import Testing

@testable import PassimCore

@Suite struct IndexWriterTests {
    static let first =
        "Collagen Notes\n\nCollagen remodelling softens atrophic scars over several months of treatment.\n\nFibroblasts respond to growth factors released by injected cells in the dermis.\n"
    static let second =
        "Collagen Notes\n\nA rewritten article about elastin fibres and skin elasticity after laser therapy.\n"

    @Test func aBatchIsInvisibleToReadersUntilItCommits() throws {
        let index = try TemporaryIndex()
        let writer = try IndexWriter(layout: index.layout)
        try writer.replace(try TemporaryIndex.article("notes", Self.first))
        try writer.commitBatch()
        let searcher = try Searcher(layout: index.layout)
        #expect(try searcher.search(SearchParameters(query: "fibroblasts")).hits.count == 1)

        try writer.replace(try TemporaryIndex.article("notes", Self.second))
        #expect(try searcher.refresh() == false)
        #expect(try searcher.search(SearchParameters(query: "fibroblasts")).hits.count == 1)
        #expect(try searcher.search(SearchParameters(query: "elastin")).hits.isEmpty)

        try writer.commitBatch()
        #expect(try searcher.refresh() == true)
        #expect(try searcher.search(SearchParameters(query: "fibroblasts")).hits.isEmpty)
        #expect(
            try searcher.search(SearchParameters(query: "elastin")).hits.map(\.passageID.description) == ["notes#1"])
        try writer.close()
    }

    /// A first ingest killed while Xapian created the database leaves `db/` with table files
    /// and no version file; every later ingest then failed with "no index" (seen in
    /// FreshBuildKillTests). The writer clears it and creates the database again.
    @Test func aDatabaseLeftWithoutItsVersionFileIsCreatedAgain() throws {
        let index = try TemporaryIndex()
        try FileManager.default.createDirectory(atPath: index.layout.database, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: index.layout.database + "/postlist.glass", contents: Data()))
        #expect(FileManager.default.createFile(atPath: index.layout.database + "/termlist.glass", contents: Data()))
        let writer = try IndexWriter(layout: index.layout)
        try writer.replace(try TemporaryIndex.article("notes", Self.first))
        try writer.close()
        #expect(try Searcher(layout: index.layout).search(SearchParameters(query: "fibroblasts")).hits.count == 1)
    }

    /// A damaged article record is an error naming the article (before, it was read as absent,
    /// so a re-ingest added the article again and the count drifted).
    @Test func anUnreadableArticleRecordIsCorruptNotAbsent() throws {
        let index = try TemporaryIndex()
        let writer = try IndexWriter(layout: index.layout)
        try writer.replace(try TemporaryIndex.article("notes", Self.first))
        try writer.close()
        let database = try WritableXapianDatabase(path: index.layout.database)
        try database.setMetadata(IndexMetadata.articleKey("notes"), [0xFF, 0xFF, 0xFF])
        try database.close()

        let again = try IndexWriter(layout: index.layout)
        #expect {
            try again.replace(try TemporaryIndex.article("notes", Self.second))
        } throws: { error in
            guard let error = error as? IndexError else { return false }
            return error.code == .corrupt && error.message.contains("article notes")
        }
        #expect(again.articles == 1)
        try again.cancelBatch()
        try again.close()
    }

    @Test func cancellingABatchKeepsThePreviousVersion() throws {
        let index = try TemporaryIndex()
        let writer = try IndexWriter(layout: index.layout)
        try writer.replace(try TemporaryIndex.article("notes", Self.first))
        try writer.commitBatch()
        try writer.replace(try TemporaryIndex.article("notes", Self.second))
        try writer.replace(try TemporaryIndex.article("other", Self.second))
        #expect(writer.articles == 2)
        try writer.cancelBatch()
        #expect(writer.articles == 1)
        #expect(try writer.record(of: "other") == nil)
        #expect(try writer.record(of: "notes")?.passageCount == 2)
        try writer.close()
        let report = try IndexChecker(layout: index.layout).check()
        #expect(report.problems.isEmpty)
        #expect(report.articles == 1)
        #expect(report.passages == 2)
    }

    @Test func removingAnArticleDropsItsPassagesAndRecord() throws {
        let index = try TemporaryIndex()
        let writer = try IndexWriter(layout: index.layout)
        try writer.replace(try TemporaryIndex.article("a", Self.first))
        try writer.replace(try TemporaryIndex.article("b", Self.second))
        try writer.commitBatch()
        #expect(try writer.remove(articleID: "a") == true)
        #expect(try writer.remove(articleID: "missing") == false)
        try writer.close()
        let report = try IndexChecker(layout: index.layout).check()
        #expect(report == IndexChecker.Report(revision: report.revision, articles: 1, passages: 1, problems: []))
    }

    @Test func aSecondWriterIsToldTheIndexIsLocked() throws {
        let index = try TemporaryIndex()
        let writer = try IndexWriter(layout: index.layout)
        #expect {
            _ = try IndexWriter(layout: index.layout)
        } throws: { error in
            (error as? IndexError)?.code == .locked
        }
        try writer.close()
        let again = try IndexWriter(layout: index.layout)
        try again.close()
    }

    @Test func anIndexOfAnotherSchemaIsRefused() throws {
        let index = try TemporaryIndex()
        try FileManager.default.createDirectory(atPath: index.layout.directory, withIntermediateDirectories: true)
        let database = try WritableXapianDatabase(path: index.layout.database)
        try database.setMetadata("passim:schema", Array("0".utf8))
        try database.close()
        #expect {
            _ = try IndexWriter(layout: index.layout)
        } throws: { error in
            guard let error = error as? IndexError else { return false }
            return error.code == .incompatibleSchema && error.message.contains("delete the index")
        }
    }

    @Test func acronymsBecomeSynonymsBothWays() throws {
        let index = try TemporaryIndex()
        let writer = try IndexWriter(layout: index.layout)
        try writer.replace(
            try TemporaryIndex.article(
                "svf",
                "Fat Grafts\n\nOne method uses stromal vascular fraction, or SVF, which is rich in cells from fat tissue.\n\nThe stromal vascular fraction is separated from fat.\n"
            ))
        try writer.close()
        let database = try XapianDatabase(path: index.layout.database)
        #expect(try database.synonyms("svf") == ["stromal vascular fraction"])
        #expect(try database.synonyms("stromal vascular fraction") == ["svf"])
        let searcher = try Searcher(layout: index.layout)
        // "SVF" appears in one passage, its long form in both: the synonym finds both.
        #expect(try searcher.search(SearchParameters(query: "SVF")).hits.count == 2)
    }

    @Test func overlongTokensAreLeftOutInsteadOfFailingTheArticle() throws {
        let index = try TemporaryIndex()
        let writer = try IndexWriter(layout: index.layout)
        let long = String(repeating: "a", count: 300)
        try writer.replace(
            try TemporaryIndex.article(
                "long",
                "Long Words\n\nThis paragraph has a very long token \(long) inside an ordinary sentence about scars.\n")
        )
        try writer.close()
        let searcher = try Searcher(layout: index.layout)
        #expect(try searcher.search(SearchParameters(query: "ordinary scars")).hits.count == 1)
    }
}
