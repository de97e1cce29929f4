import Foundation
import PassimArticles
import PassimProtocol
import Testing

@testable import PassimCore

/// The small values of the index: source domains, positions inside a passage, passage ids.
@Suite struct IndexValuesTests {
    @Test(arguments: [
        (
            ["https://pubmed.ncbi.nlm.nih.gov/41413319/?x=1"],
            ["pubmed.ncbi.nlm.nih.gov", "ncbi.nlm.nih.gov", "nlm.nih.gov", "nih.gov"]
        ),
        (["https://www.skinlaundry.com/blog/Cell-Regenerator"], ["skinlaundry.com"]),
        (["http://localhost:8080/x"], ["localhost"]),
        (["not a url", ""], []),
        (["https://A.Example.ORG/", "https://b.example.org/"], ["a.example.org", "example.org", "b.example.org"]),
    ])
    func sourceDomainsIncludeParents(urls: [String], expected: [String]) {
        #expect(SourceDomains.domains(of: urls) == expected)
    }

    @Test func textPositionsCountLinesInsideAPassage() {
        let location = SourceLocation(
            byteStart: 100, byteEnd: 120, startLine: 7, startColumn: 5, endLine: 9, endColumn: 3)
        let positions = TextPositions(text: "abc\nde\nfg", location: location)
        #expect(positions.position(of: 0) == (7, 5))
        #expect(positions.position(of: 2) == (7, 7))
        #expect(positions.position(of: 3) == (7, 8))
        #expect(positions.position(of: 4) == (8, 1))
        #expect(positions.position(of: 7) == (9, 1))
        #expect(positions.position(of: 9) == (9, 3))
    }

    @Test func passageIDsRoundTrip() {
        #expect(PassageID("sub/dir/a#12") == PassageID(article: "sub/dir/a", ordinal: 12))
        #expect(PassageID("a#b#3")?.article == "a#b")
        #expect(PassageID("a#0") == nil)
        #expect(PassageID("#3") == nil)
        #expect(PassageID("a") == nil)
        #expect(PassageID(article: "x", ordinal: 2).description == "x#2")
    }
}
