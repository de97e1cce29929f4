import Foundation
import PassimArticles
import PassimXapian
import Testing

@testable import PassimCore

/// A sharded index answers as one index: the same hits, scores, highlights, corrections,
/// completions, passages and articles, through 1, 2 and 4 shards.
@Suite struct ShardedIndexTests {
    /// The seed articles and a generated corpus of thousands, written in batches.
    static func build(_ layout: IndexLayout, shards: Int?, articles: [Article]) throws {
        let writer = try IndexWriter(layout: layout, shards: shards)
        for (index, article) in articles.enumerated() {
            try writer.replace(article)
            if index % 300 == 299 { try writer.commitBatch() }
        }
        try writer.close()
    }

    static let queries =
        FreshBuildTests.queries + [
            "colagen scarss", "melanim", "keratin -dermis", "\"version 1\" laser", "note 17", "title:note", "scar",
            "fibroblast NEAR/3 laser", "+keratin melanin",
        ]

    /// Wildcards are expanded from the catalog's word list into the same terms, but Xapian
    /// weighs a group of many terms per shard (shared/notes/scale-out.md): their hits are the
    /// same set, their order may differ.
    static let wildcardQueries: Set = ["derm*"]

    static func expectSameSearch(_ query: String, _ found: SearchResults, _ expected: SearchResults, shards: Int) {
        // Counted exactly up to the hits asked for and one more; past that Xapian estimates,
        // and each shard estimates its own share.
        if expected.estimatedTotal <= expected.hits.count + 1 {
            #expect(found.estimatedTotal == expected.estimatedTotal, "\(shards) shards: \(query)")
        } else {
            #expect(abs(found.estimatedTotal - expected.estimatedTotal) * 50 <= expected.estimatedTotal, "\(query)")
        }
        #expect(found.correctedQuery == expected.correctedQuery, "\(shards) shards: \(query)")
        #expect(found.hits.count == expected.hits.count, "\(shards) shards: \(query)")
        if wildcardQueries.contains(query) {
            #expect(Set(found.hits.map(\.passageID)) == Set(expected.hits.map(\.passageID)), "\(shards): \(query)")
            return
        }
        for (hit, reference) in zip(found.hits, expected.hits) {
            #expect(
                abs(hit.score - reference.score) <= 1e-9 * max(1, abs(reference.score)), "\(query) \(hit.passageID)")
            var same = hit
            same.score = reference.score
            #expect(same == reference, "\(shards) shards: \(query) rank \(reference.rank)")
        }
    }

    @Test func shardsAnswerAsOneIndex() throws {
        let articles = try FreshBuildTests.articles() + FreshBuildTests.syntheticArticles(2_000)
        // One shard is one index whose equal scores go in article id order, as every sharded
        // index's do (a single index keeps docid order, which Xapian gives for free).
        let single = try TemporaryIndex()
        try Self.build(single.layout, shards: 1, articles: articles)
        let reference = try Searcher(layout: single.layout)
        for shards in [2, 4] {
            let sharded = try TemporaryIndex()
            try Self.build(sharded.layout, shards: shards, articles: articles)
            #expect(sharded.layout.isSharded)
            let check = try IndexChecker(layout: sharded.layout).check()
            #expect(check.problems.isEmpty, "\(check.problems.prefix(3))")
            #expect(check.articles == articles.count)
            let searcher = try Searcher(layout: sharded.layout)
            for query in Self.queries {
                for perArticle in [nil, 1] as [Int?] {
                    var request = SearchParameters(query: query, limit: 50)
                    request.perArticle = perArticle
                    Self.expectSameSearch(
                        query, try searcher.search(request), try reference.search(request), shards: shards)
                }
            }
            // Pages agree with the whole ranking, also where equal scores cross a page's edge
            // (the synthetic notes share sentences, so ties are many).
            for query in Self.queries where !Self.wildcardQueries.contains(query) {
                let whole = try searcher.search(SearchParameters(query: query, limit: 200)).hits.map(\.passageID)
                for offset in [1, 9, 10, 37] where offset < whole.count {
                    var page = SearchParameters(query: query, limit: 10)
                    page.offset = offset
                    let expected = Array(whole[offset..<min(offset + 10, whole.count)])
                    #expect(try searcher.search(page).hits.map(\.passageID) == expected, "\(query) at \(offset)")
                }
            }
            for prefix in ["col", "ker", "derm", "note"] {
                #expect(try searcher.completions(of: prefix, limit: 10) == reference.completions(of: prefix, limit: 10))
            }
            let passage = PassageID(article: "note7", ordinal: 2)
            #expect(try searcher.passage(passage, context: 1) == reference.passage(passage, context: 1))
            for id in ["note1999", articles[0].id] {
                #expect(
                    try searcher.article(id, includePassages: true) == reference.article(id, includePassages: true))
            }
            let summary = try searcher.indexSummary()
            #expect(summary.articles == articles.count)
            #expect(summary.passages == (try reference.indexSummary().passages))
            let inspected = ShardInspection.shards(of: sharded.layout)
            #expect(inspected.count == shards)
            #expect(inspected.allSatisfy { $0.problem == nil && $0.revision != nil })
            #expect(inspected.compactMap(\.passages).reduce(0, +) == summary.passages)
        }
    }

    @Test func theShardCountIsFixedWhenAnIndexIsMade() throws {
        let index = try TemporaryIndex()
        try Self.build(index.layout, shards: 2, articles: try FreshBuildTests.syntheticArticles(3))
        #expect(throws: IndexError.self) { try IndexWriter(layout: index.layout, shards: 3) }
        // Without --shards, an existing sharded index is written as it is.
        let writer = try IndexWriter(layout: index.layout)
        #expect(writer.articles == 3)
        try writer.close()

        let single = try TemporaryIndex()
        try Self.build(single.layout, shards: nil, articles: try FreshBuildTests.syntheticArticles(3))
        do {
            _ = try IndexWriter(layout: single.layout, shards: 2)
            Issue.record("sharding an existing single index must fail")
        } catch {
            #expect(error.code == .shardLayout)
            #expect(error.message.contains("ingest again into a new index"))
        }
        #expect(throws: IndexError.self) { try IndexWriter(layout: try TemporaryIndex().layout, shards: 0) }
    }

    /// Replacing and removing articles keeps the catalog true to the shards: the same records,
    /// counts, spelling words and journal as one index after the same changes.
    @Test func updatesKeepTheCatalogTrue() throws {
        let first = try FreshBuildTests.syntheticArticles(60)
        let second = try FreshBuildTests.syntheticArticles(60, version: 2)
        let single = try TemporaryIndex()
        let sharded = try TemporaryIndex()
        let oneShard = try TemporaryIndex()
        for (layout, shards) in [(single.layout, nil), (sharded.layout, 3), (oneShard.layout, 1)]
            as [(IndexLayout, Int?)]
        {
            try Self.build(layout, shards: shards, articles: first)
            let writer = try IndexWriter(layout: layout)
            for article in second.prefix(20) { try writer.replace(article) }
            for id in ["note30", "note31", "note59"] { try writer.remove(articleID: id) }
            try writer.close()
        }
        let check = try IndexChecker(layout: sharded.layout).check()
        #expect(check.problems.isEmpty)
        #expect(check.articles == 57)
        func spelling(_ layout: IndexLayout) throws -> [String: Int] {
            let database = try XapianDatabase(path: layout.isSharded ? layout.catalog : layout.database)
            var words: [String: Int] = [:]
            for entry in try database.spellingWords(prefix: "") { words[entry.word] = entry.frequency }
            return words
        }
        #expect(try spelling(sharded.layout) == spelling(single.layout))
        let searcher = try Searcher(layout: sharded.layout)
        let reference = try Searcher(layout: oneShard.layout)
        for query in ["\"version 2\"", "keratin", "note30", "melanin OR laser"] {
            let request = SearchParameters(query: query, limit: 100)
            Self.expectSameSearch(query, try searcher.search(request), try reference.search(request), shards: 3)
        }
    }
}
