import Foundation
import PassimXapian
import Testing

@testable import PassimCore

/// The spelling table (the index's word list, behind `suggest` and wildcards) holds the words
/// of the articles in the index and no others: replacing or removing an article takes its
/// words back out, in updates and in a fresh build alike.
@Suite struct SpellingTableTests {
    static let withWord =
        "Zorblaxian Field Notes\n\nThe zorblaxian membrane holds collagen in place during repair.\n\nA second passage on the zorblaxian layer and its fibres.\n"
    static let without = "Zorb Field Notes\n\nA rewritten article about elastin fibres and collagen repair.\n"
    static let other = "Other Notes\n\nCollagen fibres and elastin in the dermis, and nothing else.\n"

    /// Spelling words with `prefix` and their frequencies, as `suggest` reads them.
    static func words(_ prefix: String, in index: TemporaryIndex) throws -> [String: Int] {
        let database = try XapianDatabase(path: index.layout.database)
        return Dictionary(
            uniqueKeysWithValues: try database.spellingWords(prefix: prefix).map { ($0.word, $0.frequency) })
    }

    @Test func replacingAndRemovingAnArticleTakesItsWordsBackOut() throws {
        let index = try TemporaryIndex()
        let writer = try IndexWriter(layout: index.layout)
        try writer.replace(try TemporaryIndex.article("notes", Self.withWord))
        try writer.replace(try TemporaryIndex.article("other", Self.other))
        try writer.commitBatch()
        // Two passages hold the word in their text, and every passage has it in the title.
        #expect(try Self.words("zorb", in: index) == ["zorblaxian": 2])
        #expect(try Self.words("collagen", in: index) == ["collagen": 2])

        try writer.replace(try TemporaryIndex.article("notes", Self.without))
        try writer.commitBatch()
        #expect(try Self.words("zorb", in: index) == ["zorb": 1])
        #expect(try Self.words("collagen", in: index) == ["collagen": 2])

        try writer.replace(try TemporaryIndex.article("notes", Self.withWord))
        try writer.remove(articleID: "notes")
        try writer.commitBatch()
        #expect(try Self.words("zorb", in: index).isEmpty)
        #expect(try Self.words("collagen", in: index) == ["collagen": 1])
        #expect(try Self.words("elastin", in: index) == ["elastin": 1])
        try writer.close()
    }

    @Test func aFreshBuildKeepsOnlyTheWordsOfTheLastVersions() throws {
        let index = try TemporaryIndex()
        let writer = try IndexWriter(layout: index.layout)
        // One-passage blocks: the first version is written in a block of its own before the
        // later change supersedes it.
        #expect(try writer.beginFreshBuild(blockPassages: 1))
        try writer.replace(try TemporaryIndex.article("notes", Self.withWord))
        try writer.replace(try TemporaryIndex.article("gone", Self.withWord))
        for filler in 0..<4 {
            try writer.replace(try TemporaryIndex.article("other\(filler)", Self.other))
        }
        try writer.replace(try TemporaryIndex.article("notes", Self.without))
        try writer.remove(articleID: "gone")
        try writer.close()
        #expect(try Self.words("zorb", in: index) == ["zorb": 1])
        #expect(try Self.words("collagen", in: index) == ["collagen": 5])
    }
}
