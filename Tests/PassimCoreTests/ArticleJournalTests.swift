import Foundation
import PassimArticles
import PassimXapian
import Testing

@testable import PassimCore

@Suite struct ArticleJournalTests {
    static func article(_ id: String, _ word: String) throws -> Article {
        try TemporaryIndex.article(id, "Notes \(id)\n\nA paragraph about \(word) in the dermis.\n")
    }

    @Test func changesSinceAPositionFoldTheBatchesAfterIt() throws {
        let index = try TemporaryIndex()
        let writer = try IndexWriter(layout: index.layout)
        try writer.replace(Self.article("a", "keratin"))
        try writer.replace(Self.article("b", "melanin"))
        try writer.commitBatch()
        let searcher = try Searcher(layout: index.layout)
        let first = try searcher.journalPosition()

        try writer.replace(Self.article("a", "elastin"))
        try writer.replace(Self.article("c", "collagen"))
        try writer.replace(Self.article("d", "laser"))
        try writer.remove(articleID: "d")
        try writer.commitBatch()
        try searcher.refresh()
        let second = try searcher.journalPosition()
        #expect(
            try searcher.articleChanges(since: first)
                == ArticleChanges(position: second, added: ["c"], updated: ["a"], removed: []))

        try writer.remove(articleID: "b")
        try writer.replace(Self.article("c", "fibroblast"))
        try writer.commitBatch()
        try writer.close()
        try searcher.refresh()
        let third = try searcher.journalPosition()
        #expect(
            try searcher.articleChanges(since: second)
                == ArticleChanges(position: third, added: [], updated: ["c"], removed: ["b"]))
        // Over both batches, c is new: its update folds into the add.
        #expect(
            try searcher.articleChanges(since: first)
                == ArticleChanges(position: third, added: ["c"], updated: ["a"], removed: ["b"]))
        #expect(
            try searcher.articleChanges(since: third)
                == ArticleChanges(position: third, added: [], updated: [], removed: []))
    }

    @Test func aJournalThatDoesNotReachBackAnswersNil() throws {
        let index = try TemporaryIndex()
        let emptyPosition = try Searcher(
            layout: { () throws -> IndexLayout in
                let writer = try IndexWriter(layout: index.layout)
                try writer.close()
                return index.layout
            }()
        ).journalPosition()
        let writer = try IndexWriter(layout: index.layout)
        try writer.replace(Self.article("a", "keratin"))
        try writer.commitBatch()
        let searcher = try Searcher(layout: index.layout)
        let first = try searcher.journalPosition()
        try writer.replace(Self.article("b", "melanin"))
        try writer.commitBatch()
        try writer.replace(Self.article("c", "elastin"))
        try writer.close()
        // The journal started with the first batch: a reader of the empty index compares records.
        try searcher.refresh()
        #expect(try searcher.articleChanges(since: emptyPosition) == nil)
        #expect(try searcher.articleChanges(since: first)?.added == ["b", "c"])

        // An entry that is gone (kept entries only) cannot be skipped.
        let database = try WritableXapianDatabase(path: index.layout.database)
        try database.setMetadata(ArticleJournal.entryKey(first.entry + 1), [])
        try database.close()
        try searcher.refresh()
        #expect(try searcher.articleChanges(since: first) == nil)
    }

    @Test func aRebuiltIndexStartsANewJournal() throws {
        let index = try TemporaryIndex()
        let fresh = try IndexWriter(layout: index.layout)
        let searcher = try Searcher(layout: index.layout)
        let before = try searcher.journalPosition()
        #expect(try fresh.beginFreshBuild())
        try fresh.replace(Self.article("a", "keratin"))
        try fresh.close()
        try searcher.refresh()
        let built = try searcher.journalPosition()
        #expect(built != before)
        #expect(try searcher.articleChanges(since: before) == nil)

        let writer = try IndexWriter(layout: index.layout)
        try writer.replace(Self.article("b", "melanin"))
        try writer.close()
        try searcher.refresh()
        #expect(try searcher.articleChanges(since: built)?.added == ["b"])
    }
}
