import PassimArticles
import PassimProtocol
import Testing

@testable import PassimCore

@Suite struct PresentationTests {
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

    @Test func snippetsFoldWhitespaceAndMarkMatches() {
        let text = "Lead in:\n- collagen here\n- and more"
        let highlights = [Highlight(start: 11, end: 19, line: 2, column: 3, endLine: 2, endColumn: 11)]
        #expect(
            Snippet.render(text: text, highlights: highlights, style: OutputStyle(color: false))
                == "Lead in: - collagen here - and more")
        #expect(
            Snippet.render(text: text, highlights: highlights, style: OutputStyle(color: true))
                == "Lead in: - \u{1B}[1;31mcollagen\u{1B}[0m here - and more")
    }

    @Test func longSnippetsAreCutAroundTheFirstMatch() {
        let words = (0..<200).map { "w\($0)" }
        let text = words.joined(separator: " ")
        let start = Array(text.utf8).count - 4
        let highlights = [
            Highlight(start: start, end: start + 4, line: 1, column: start + 1, endLine: 1, endColumn: start + 5)
        ]
        let snippet = Snippet.render(text: text, highlights: highlights, style: OutputStyle(color: false))
        #expect(snippet.hasPrefix("…"))
        #expect(snippet.hasSuffix("w199"))
        #expect(snippet.utf8.count <= Snippet.width + 8)
    }

    @Test func colourFollowsTheTerminalAndNoColor() {
        #expect(OutputStyle.detect(isTerminal: true, environment: [:]).color)
        #expect(!OutputStyle.detect(isTerminal: false, environment: [:]).color)
        #expect(!OutputStyle.detect(isTerminal: true, environment: ["NO_COLOR": "1"]).color)
        #expect(!OutputStyle.detect(isTerminal: true, environment: ["TERM": "dumb"]).color)
    }

    @Test func pathsAreShownRelativeToTheWorkingDirectory() {
        #expect(SearchOutput.relative("/home/u/corpus/a.txt", to: "/home/u") == "corpus/a.txt")
        #expect(SearchOutput.relative("/home/u/corpus/a.txt", to: "/home/u/") == "corpus/a.txt")
        #expect(SearchOutput.relative("/home/uv/a.txt", to: "/home/u") == "/home/uv/a.txt")
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
