import Dispatch
import Foundation
import PassimArticles
import PassimXapian
import Testing

@testable import PassimCore

/// A writer killed after a shard committed and before the catalog did leaves the catalog
/// behind that shard; the next writer brings it up to the shard from the shard's delta.
@Suite struct ShardRecoveryTests {
    /// Commits `article` into its shard alone, as a batch whose catalog commit never came.
    static func commitToShardOnly(_ article: Article, previous: ArticleRecord?, layout: IndexLayout, shards: Int) throws
    {
        let number = ShardRouting.shard(of: article.id, count: shards)
        let path = layout.shard(number)
        let worker = try ShardWorker(
            number: number, path: path, database: try WritableXapianDatabase(path: path, options: [.createOrOpen]))
        var delta = ShardDelta()
        delta.record(previous == nil ? .added : .updated, article.id, bytes: ArticleRecord(article: article).encoded())
        worker.replace(article, previous: previous)
        try worker.drain()
        let committed = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Result<(ShardDelta, UInt64)?, IndexError>?
        worker.commit(delta) {
            outcome = $0
            committed.signal()
        }
        committed.wait()
        let (stored, _) = try #require(try outcome?.get())
        #expect(stored.records[article.id]?.kind == (previous == nil ? .added : .updated))
        #expect(!stored.spelling.isEmpty)
        try worker.close()
    }

    @Test func theNextWriterAppliesWhatAShardCommittedAlone() throws {
        let index = try TemporaryIndex()
        let articles = try FreshBuildTests.syntheticArticles(20)
        try ShardedIndexTests.build(index.layout, shards: 2, articles: articles)
        let before = try Searcher(layout: index.layout)
        let position = try before.journalPosition()

        let late = try TemporaryIndex.article("late", "Late arrival\n\nA note on zygomatic keratin written last.\n")
        try Self.commitToShardOnly(late, previous: nil, layout: index.layout, shards: 2)
        let updated = try FreshBuildTests.syntheticArticles(4, version: 9)[3]
        let previous = try #require(try before.articleRecords()[updated.id])
        try Self.commitToShardOnly(updated, previous: previous, layout: index.layout, shards: 2)
        // Before recovery the catalog does not know the new article; the check counts the
        // shard's delta, as the next writer will.
        #expect(try Searcher(layout: index.layout).articleRecords()["late"] == nil)
        let pending = try IndexChecker(layout: index.layout).check()
        #expect(pending.problems.isEmpty, "\(pending.problems)")
        #expect(pending.articles == 21)

        let writer = try IndexWriter(layout: index.layout)
        #expect(writer.articles == 21)
        #expect(try writer.record(of: "late")?.passageCount == late.passages.count)
        try writer.close()
        let check = try IndexChecker(layout: index.layout).check()
        #expect(check.problems.isEmpty, "\(check.problems)")
        #expect(check.articles == 21)

        let after = try Searcher(layout: index.layout)
        #expect(
            try after.search(SearchParameters(query: "zygomatic", limit: 5)).hits.first?.passageID.article == "late")
        #expect(try after.completions(of: "zygom", limit: 3).map(\.word) == ["zygomatic"])
        #expect(
            try after.search(SearchParameters(query: "\"version 9\"", limit: 5)).hits.count == updated.passages.count)
        let changes = try #require(try after.articleChanges(since: position))
        #expect(changes.added == ["late"])
        #expect(changes.updated == [updated.id])
        // Applied once: a second writer finds nothing to catch up.
        let again = try IndexWriter(layout: index.layout)
        #expect(again.articles == 21)
        try again.close()
        #expect(try Searcher(layout: index.layout).articleChanges(since: changes.position)?.added == [])
    }
}
