import Foundation
import Testing

@testable import PassimCore

/// Hits point at their passages in the files as they are now: moved with the text around them,
/// or marked stale when their own text changed.
@Suite struct FreshnessTests {
    /// Two sections, so two passages: elastin's on line 5, remodelling's on line 9.
    static let article = """
        Collagen Notes

        Elastin

        A first paragraph about elastin fibres and how they stretch.

        Scars

        Collagen remodelling softens atrophic scars over several months.

        """

    func indexed() throws -> (CorpusRootsTests.Project, String) {
        let project = try CorpusRootsTests.Project()
        try project.write("notes/a.txt", Self.article)
        try project.ingest(["notes"])
        return (project, project.base + "/notes/a.txt")
    }

    func hit(_ project: CorpusRootsTests.Project, _ query: String) throws -> RankedPassage? {
        try Searcher(layout: project.layout).search(SearchParameters(query: query)).hits.first
    }

    @Test func anUnchangedFileKeepsItsPlaces() throws {
        let (project, _) = try indexed()
        let found = try #require(try hit(project, "remodelling"))
        #expect(!found.stale)
        #expect(found.passage.location.startLine == 9)
        #expect(found.highlights.map(\.location.startLine) == [9])
    }

    @Test func textAddedAboveMovesThePassageAndItsHighlights() throws {
        let (project, file) = try indexed()
        let before = try #require(try hit(project, "remodelling"))
        try ("An added line.\n\nAnd another.\n" + Self.article).write(toFile: file, atomically: false, encoding: .utf8)
        let after = try #require(try hit(project, "remodelling"))
        #expect(!after.stale)
        #expect(after.passage.location.startLine == before.passage.location.startLine + 3)
        #expect(after.passage.location.byteStart == before.passage.location.byteStart + 29)
        #expect(after.highlights.map(\.location.startLine) == [12])
        #expect(after.highlights.map(\.location.startColumn) == before.highlights.map(\.location.startColumn))
        // The new place holds the passage's text.
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        let place = after.passage.location
        #expect(Array(bytes[place.byteStart..<place.byteEnd]) == Array(after.passage.text.utf8))
    }

    @Test func aPassageWhoseTextChangedIsStale() throws {
        let (project, file) = try indexed()
        try Self.article.replacingOccurrences(of: "several months", with: "a few weeks")
            .write(toFile: file, atomically: false, encoding: .utf8)
        let found = try #require(try hit(project, "remodelling"))
        #expect(found.stale)
        #expect(found.passage.location.startLine == 9)
        // The other passage did not change.
        #expect(try hit(project, "elastin")?.stale == false)
    }

    @Test func aDeletedFileMakesItsHitsStale() throws {
        let (project, file) = try indexed()
        try FileManager.default.removeItem(atPath: file)
        #expect(try hit(project, "remodelling")?.stale == true)
    }

    @Test func theNearestOccurrenceWins() {
        let bytes = Array("ab xy ab xy ab".utf8)
        #expect(Freshness.find(Array("ab".utf8), in: bytes, near: 7) == 6)
        #expect(Freshness.find(Array("ab".utf8), in: bytes, near: 13) == 12)
        #expect(Freshness.find(Array("zz".utf8), in: bytes, near: 0) == nil)
    }
}
