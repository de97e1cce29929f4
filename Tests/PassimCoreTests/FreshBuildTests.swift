import Foundation
import PassimArticles
import PassimTestSupport
import PassimXapian
import Testing

@testable import PassimCore

@Suite struct FreshBuildTests {
    static let corpus = Repository.corpus

    /// The seed corpus's articles, parsed by the real parser.
    static func articles() throws -> [Article] {
        let parser = try ArticleParser()
        return try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()
            .filter { $0.hasSuffix(".txt") }
            .map { name in
                let bytes = Array(try Data(contentsOf: corpus.appendingPathComponent(name)))
                return try parser.parse(bytes, id: String(name.dropLast(4)), path: "/corpus/\(name)")
            }
    }

    static let queries = [
        "collagen scars", "\"stem cell\"", "title:(acne scars)", "fibroblasts OR melanocytes", "platelet NEAR/5 plasma",
        "acne", "derm*",
    ]

    /// Every match of `query` in rank order: passage id and score.
    static func matches(_ query: String, in layout: IndexLayout) throws -> [(id: String, score: Double)] {
        let result = try Searcher(layout: layout).search(SearchParameters(query: query, limit: 1000))
        #expect(result.hits.count == result.estimatedTotal, "\(query)")
        return result.hits.map { ($0.passageID.description, $0.score) }
    }

    /// Both indexes answer every query with the same passages in the same order (equal scores
    /// included, which Xapian orders by document number) and the same scores.
    static func expectSameAnswers(_ queries: [String], _ layout: IndexLayout, as reference: IndexLayout) throws {
        for query in queries {
            let expected = try matches(query, in: reference)
            let found = try matches(query, in: layout)
            #expect(!expected.isEmpty, "\(query) finds nothing")
            #expect(found.map(\.id) == expected.map(\.id), "\(query)")
            for (hit, reference) in zip(found, expected) {
                #expect(abs(hit.score - reference.score) < 1e-9, "\(query) \(hit.id)")
            }
        }
    }

    /// `count` small articles, each with passages about a few of the words below.
    static func syntheticArticles(_ count: Int, version: Int = 1) throws -> [Article] {
        let words = ["keratin", "melanin", "collagen", "elastin", "fibroblast", "dermis", "scar", "laser"]
        return try (0..<count).map { n in
            let paragraphs = (0..<(1 + n % 3)).map { p in
                "Paragraph \(p) of note \(n) version \(version) on \(words[(n + p) % 8]) and \(words[(n * 3 + p) % 8])."
            }
            return try TemporaryIndex.article("note\(n)", "Note \(n)\n\n" + paragraphs.joined(separator: "\n\n") + "\n")
        }
    }

    @Test func aFreshBuildIndexesLikeBatchesOfTransactions() throws {
        let articles = try Self.articles()
        #expect(articles.count >= 5)
        let fresh = try TemporaryIndex()
        let writer = try IndexWriter(layout: fresh.layout)
        #expect(try writer.beginFreshBuild())
        for article in articles {
            try writer.replace(article)
        }
        #expect(writer.articles == articles.count)
        try writer.close()

        let batched = try TemporaryIndex()
        let other = try IndexWriter(layout: batched.layout)
        for (index, article) in articles.enumerated() {
            try other.replace(article)
            if index % 2 == 1 { try other.commitBatch() }
        }
        try other.close()

        let freshCheck = try IndexChecker(layout: fresh.layout).check()
        let batchedCheck = try IndexChecker(layout: batched.layout).check()
        #expect(freshCheck.problems.isEmpty)
        #expect(freshCheck.articles == batchedCheck.articles && freshCheck.passages == batchedCheck.passages)
        try Self.expectSameAnswers(Self.queries, fresh.layout, as: batched.layout)
        // Spelling and synonyms come through the compactor's merge.
        let freshDatabase = try XapianDatabase(path: fresh.layout.database)
        let batchedDatabase = try XapianDatabase(path: batched.layout.database)
        #expect(try freshDatabase.spellingSuggestion("colagen") == batchedDatabase.spellingSuggestion("colagen"))
        #expect(try freshDatabase.spellingSuggestion("colagen") != nil)
        #expect(try freshDatabase.synonymKeys(prefix: "") == batchedDatabase.synonymKeys(prefix: ""))
        #expect(!FileManager.default.fileExists(atPath: FreshBuild.directory(of: fresh.layout)))
    }

    @Test func manyBlocksWithReplacedAndRemovedArticlesMergeInInputOrder() throws {
        let first = try Self.syntheticArticles(40)
        let second = try Self.syntheticArticles(40, version: 2)
        // Changes that reach back into blocks already written, and into the block being gathered.
        let changes: [(replace: Article?, remove: String?)] = [
            (second[3], nil), (nil, "note5"), (second[38], nil), (second[3], nil), (nil, "note39"), (first[5], nil),
        ]
        let fresh = try TemporaryIndex()
        let writer = try IndexWriter(layout: fresh.layout)
        #expect(try writer.beginFreshBuild(blockPassages: 4))
        let batched = try TemporaryIndex()
        let other = try IndexWriter(layout: batched.layout)
        for article in first {
            try writer.replace(article)
            try other.replace(article)
        }
        for change in changes {
            if let article = change.replace {
                #expect(try writer.replace(article) == other.replace(article))
            }
            if let id = change.remove {
                #expect(try writer.remove(articleID: id) == other.remove(articleID: id))
            }
        }
        #expect(writer.articles == other.articles)
        try writer.close()
        try other.close()
        let check = try IndexChecker(layout: fresh.layout).check()
        #expect(check.problems.isEmpty)
        #expect(check.articles == 39)
        try Self.expectSameAnswers(
            ["keratin", "melanin OR laser", "\"version 2\"", "note5", "scar -dermis", "version"], fresh.layout,
            as: batched.layout)
        #expect(!FileManager.default.fileExists(atPath: FreshBuild.directory(of: fresh.layout)))
    }

    /// An article bigger than a block is spread over several blocks (every writer works on a
    /// huge file): the index answers as one written in transactions, its record counts all its
    /// passages, and replacing it reaches every block it was spread over.
    @Test func aHugeArticleIsSpreadOverBlocksAndIndexesAsOne() throws {
        let words = ["keratin", "melanin", "collagen", "elastin", "fibroblast", "dermis", "scar", "laser"]
        func huge(_ version: Int) throws -> Article {
            let paragraphs = (0..<30).map { p in
                "Part \(p) of the long survey, version \(version), is about \(words[p % 8]) and \(words[(p * 5 + 1) % 8])."
            }
            let definition =
                "Platelet-rich plasma (PRP) is made from the patient's own blood in this version \(version)."
            return try TemporaryIndex.article(
                "survey", "Long Survey\n\n\(definition)\n\n" + paragraphs.joined(separator: "\n\n"))
        }
        let small = try Self.syntheticArticles(6)
        let fresh = try TemporaryIndex()
        let writer = try IndexWriter(layout: fresh.layout)
        #expect(try writer.beginFreshBuild(blockPassages: 4))
        let batched = try TemporaryIndex()
        let other = try IndexWriter(layout: batched.layout)
        for article in [small[0], try huge(1)] + small.dropFirst() {
            try writer.replace(article)
            try other.replace(article)
        }
        // The huge one again, after its blocks were handed over, then one more huge version.
        for article in [try huge(2), try huge(3)] {
            #expect(try writer.replace(article) == other.replace(article))
        }
        try writer.close()
        try other.close()
        let check = try IndexChecker(layout: fresh.layout).check()
        #expect(check.problems.isEmpty)
        let reference = try IndexChecker(layout: batched.layout).check()
        #expect(check.articles == 7 && check.passages == reference.passages)
        let record = try #require(try Searcher(layout: fresh.layout).articleRecords()["survey"])
        #expect(record.passageCount == 31)
        try Self.expectSameAnswers(
            ["keratin", "\"version 3\"", "PRP", "melanin OR laser", "survey"], fresh.layout, as: batched.layout)
        #expect(try Self.matches("\"version 2\"", in: fresh.layout).isEmpty)
        let freshDatabase = try XapianDatabase(path: fresh.layout.database)
        let batchedDatabase = try XapianDatabase(path: batched.layout.database)
        #expect(try freshDatabase.synonymKeys(prefix: "") == batchedDatabase.synonymKeys(prefix: ""))
        #expect(try freshDatabase.spellingSuggestion("kerratin") == batchedDatabase.spellingSuggestion("kerratin"))
    }

    /// A block is cut into parts of about equal passages, in order, articles cut where needed.
    @Test func aBlockSplitsIntoEvenPartsInOrder() throws {
        let articles = try Self.syntheticArticles(3)  // 1, 2 and 3 passages
        var block = ArticleBlock(sequence: 7)
        for article in articles { block.append(ArticleShare(article)) }
        let huge = try TemporaryIndex.article(
            "huge",
            "Huge\n\n"
                + (0..<9).map { "Paragraph \($0) has enough words to stand alone here." }.joined(separator: "\n\n"))
        block.append(ArticleShare(huge))
        #expect(block.passages == 15)
        let parts = FreshBuild.split(block, into: 2)
        #expect(parts.map(\.sequence) == [7, 8])
        #expect(parts.map(\.passages) == [8, 7])
        let shares = parts.flatMap(\.shares).map { "\($0.article.id) \($0.passages)" }
        #expect(shares == ["note0 0..<1", "note1 0..<2", "note2 0..<3", "huge 0..<2", "huge 2..<9"])
        #expect(FreshBuild.split(block, into: 1).map(\.passages) == [15])
    }

    @Test func readersSeeTheEmptyIndexUntilTheBuildIsPublished() throws {
        let index = try TemporaryIndex()
        let writer = try IndexWriter(layout: index.layout)
        #expect(try writer.beginFreshBuild())
        let searcher = try Searcher(layout: index.layout)
        for article in try Self.articles() {
            try writer.replace(article)
        }
        try writer.commitBatch()
        #expect(try searcher.refresh() == false)
        #expect(try searcher.search(SearchParameters(query: "collagen")).hits.isEmpty)
        try writer.close()
        #expect(try searcher.refresh() == true)
        #expect(!(try searcher.search(SearchParameters(query: "collagen")).hits.isEmpty))
    }

    @Test func aCancelledFreshBuildLeavesAnEmptyIndexThatCanBeBuiltAgain() throws {
        let index = try TemporaryIndex()
        let articles = try Self.articles()
        let writer = try IndexWriter(layout: index.layout)
        #expect(try writer.beginFreshBuild())
        try writer.replace(articles[0])
        try writer.cancelBatch()
        #expect(writer.articles == 0)
        try writer.close()
        #expect(try IndexChecker(layout: index.layout).check().articles == 0)

        let again = try IndexWriter(layout: index.layout)
        #expect(try again.beginFreshBuild())
        try again.replace(articles[1])
        try again.close()
        let check = try IndexChecker(layout: index.layout).check()
        #expect(check.problems.isEmpty && check.articles == 1)
    }

    @Test func onlyABrandNewIndexIsBuiltFresh() throws {
        let index = try TemporaryIndex()
        let articles = try Self.articles()
        let writer = try IndexWriter(layout: index.layout)
        try writer.replace(articles[0])
        #expect(try writer.beginFreshBuild() == false)
        try writer.close()
        let later = try IndexWriter(layout: index.layout)
        #expect(try later.beginFreshBuild() == false)
        try later.replace(articles[1])
        try later.close()
        #expect(try IndexChecker(layout: index.layout).check().articles == 2)
    }

    @Test func anArticleWrittenTwiceOrRemovedDuringTheBuildEndsAsTheLastChangeSaid() throws {
        let index = try TemporaryIndex()
        let writer = try IndexWriter(layout: index.layout)
        #expect(try writer.beginFreshBuild())
        #expect(
            try writer.replace(TemporaryIndex.article("a", "Notes\n\nThe first version mentions keratin.\n")) == false)
        try writer.replace(TemporaryIndex.article("b", "Other\n\nAn article about melanin that will be removed.\n"))
        #expect(try writer.replace(TemporaryIndex.article("a", "Notes\n\nThe second version mentions elastin.\n")))
        #expect(try writer.remove(articleID: "b"))
        #expect(try writer.remove(articleID: "missing") == false)
        #expect(writer.articles == 1)
        try writer.close()
        let searcher = try Searcher(layout: index.layout)
        #expect(try searcher.search(SearchParameters(query: "keratin", correctSpelling: false)).hits.isEmpty)
        #expect(try searcher.search(SearchParameters(query: "melanin", correctSpelling: false)).hits.isEmpty)
        #expect(try searcher.search(SearchParameters(query: "elastin")).hits.map(\.passageID.description) == ["a#1"])
        let check = try IndexChecker(layout: index.layout).check()
        #expect(check == IndexChecker.Report(revision: check.revision, articles: 1, passages: 1, problems: []))
    }

    @Test func aWriterRemovesTheFolderOfAnInterruptedBuild() throws {
        let index = try TemporaryIndex()
        let stale = FreshBuild.directory(of: index.layout) + "/shard-0/documents"
        try FileManager.default.createDirectory(atPath: stale, withIntermediateDirectories: true)
        let writer = try IndexWriter(layout: index.layout)
        #expect(!FileManager.default.fileExists(atPath: FreshBuild.directory(of: index.layout)))
        try writer.close()
    }
}
