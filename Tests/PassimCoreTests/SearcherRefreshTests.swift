import Foundation
import Testing

@testable import PassimCore

/// `Searcher.refresh` after the index was deleted and built again: Xapian's reopen follows one
/// database's revisions, so a new database at the same revision looks unchanged to it.
@Suite struct SearcherRefreshTests {
    static func build(_ index: TemporaryIndex, word: String, shards: Int? = nil) throws {
        let writer = try IndexWriter(layout: index.layout, shards: shards)
        try writer.replace(ArticleJournalTests.article("a", word))
        try writer.close()
    }

    @Test(arguments: [(nil, nil), (nil, 2), (2, nil), (2, 2)] as [(Int?, Int?)])
    func anIndexBuiltAgainIsReadAfresh(before: Int?, after: Int?) throws {
        let index = try TemporaryIndex()
        try Self.build(index, word: "keratin", shards: before)
        let searcher = try Searcher(layout: index.layout)
        let revision = try searcher.revision()
        let identity = searcher.identity
        try FileManager.default.removeItem(atPath: index.layout.directory)
        try Self.build(index, word: "melanin", shards: after)
        if before == after {
            // The case Xapian's reopen misses: the same kind of index, at the same revision.
            #expect(try Searcher(layout: index.layout).revision() == revision)
        }

        #expect(try searcher.refresh())
        #expect(searcher.identity != identity)
        #expect(try searcher.search(SearchParameters(query: "melanin")).hits.map(\.passageID.description) == ["a#1"])
        #expect(try searcher.search(SearchParameters(query: "keratin", correctSpelling: false)).hits.isEmpty)
    }

    @Test func anIndexNotBuiltAgainKeepsItsIdentity() throws {
        let index = try TemporaryIndex()
        try Self.build(index, word: "keratin")
        let searcher = try Searcher(layout: index.layout)
        let identity = searcher.identity
        #expect(try !searcher.refresh())
        let writer = try IndexWriter(layout: index.layout)
        try writer.replace(ArticleJournalTests.article("b", "melanin"))
        try writer.close()
        #expect(try searcher.refresh())
        #expect(searcher.identity == identity)
        #expect(try searcher.search(SearchParameters(query: "melanin")).hits.map(\.passageID.description) == ["b#1"])
    }
}
