import Foundation
import PassimProtocol
import Testing

@testable import passim

/// How `passim search` shows results to people: snippets, colour, paths, and control
/// characters made visible.
@Suite struct OutputTests {
    /// Escape sequences in an article (or in a forged answer) are shown, not obeyed: before,
    /// the human and vimgrep outputs passed them to the terminal as they were.
    @Test func controlCharactersInWhatIsShownAreMadeVisible() throws {
        let escape = "\u{1B}]0;pwned\u{07}\u{1B}[2J"
        let result = SearchResult(
            query: "collagen\u{1B}[31m", estimatedTotal: 1,
            hits: [
                SearchHit(
                    rank: 1, score: 1,
                    article: ArticleSummary(
                        id: "a", title: "Title \(escape)", path: "/c/a\u{1B}[1m.txt", sources: []),
                    passage: PassageInfo(
                        id: "a#1", ordinal: 1, section: "Section \u{9B}31m", text: "collagen \(escape) end\u{7F}"),
                    location: TextRange(start: 0, end: 10, startLine: 3, startColumn: 1, endLine: 3, endColumn: 11),
                    highlights: [Highlight(start: 0, end: 8, line: 3, column: 1, endLine: 3, endColumn: 9)])
            ])
        for color in [false, true] {
            let human = SearchOutput.human(result, style: OutputStyle(color: color), relativeTo: "/c")
            // With colour on, the only escapes left are the colour codes this output adds.
            let stripped = human.replacingOccurrences(of: #"\u{1B}\[[0-9;]*m"#, with: "", options: .regularExpression)
            #expect(
                !stripped.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
            #expect(human.contains("␛]0;pwned␇␛[2J"), "\(human)")
        }
        let vimgrep = SearchOutput.vimgrep(result, relativeTo: "/c")
        #expect(vimgrep == "a␛[1m.txt:3:1:collagen ␛]0;pwned␇␛[2J end␡\n", "\(vimgrep)")
        let json = SearchOutput.json(result)
        #expect(!json.contains("\u{1B}"))
        #expect(json.contains(#"\u001b]0;pwned\u0007"#), "\(json)")
        let empty = SearchOutput.human(
            SearchResult(query: "x\u{1B}[2J", estimatedTotal: 0, hits: []), style: OutputStyle(color: false),
            relativeTo: "/")
        #expect(empty == "No passages match \"x␛[2J\".\n")
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
        // --color=always and never win over the terminal and NO_COLOR.
        #expect(OutputStyle.detect(isTerminal: false, environment: ["NO_COLOR": "1"], choice: .always).color)
        #expect(!OutputStyle.detect(isTerminal: true, environment: [:], choice: .never).color)
    }

    @Test func pathsAreShownRelativeToTheWorkingDirectory() {
        #expect(SearchOutput.relative("/home/u/corpus/a.txt", to: "/home/u") == "corpus/a.txt")
        #expect(SearchOutput.relative("/home/u/corpus/a.txt", to: "/home/u/") == "corpus/a.txt")
        #expect(SearchOutput.relative("/home/uv/a.txt", to: "/home/u") == "/home/uv/a.txt")
    }
}

/// A hit whose file changed since it was indexed says so in every human output.
@Suite struct StaleOutputTests {
    static let result = SearchResult(
        query: "collagen", estimatedTotal: 1,
        hits: [
            SearchHit(
                rank: 1, score: 1, article: ArticleSummary(id: "a", title: "Notes", path: "/c/a.txt", sources: []),
                passage: PassageInfo(id: "a#1", ordinal: 1, section: nil, text: "collagen fibres"),
                location: TextRange(start: 0, end: 15, startLine: 3, startColumn: 1, endLine: 3, endColumn: 16),
                highlights: [Highlight(start: 0, end: 8, line: 3, column: 1, endLine: 3, endColumn: 9)], stale: true)
        ])

    /// `--json` is written by the daemon's `JSONBytes` writer: the bytes `JSONEncoder` gives,
    /// every optional of a hit included (explanation, facets, title and heading highlights).
    @Test func theJSONIsWhatJSONEncoderWrites() throws {
        var result = Self.result
        result.correctedQuery = "collagen/elastin"
        result.readAsText = [ReadAsText(offset: 9, text: "AND", reason: "it has nothing to join on one side")]
        result.facets = Facets(
            articles: [ArticleFacet(id: "a", title: "Notes", path: "/c/a.txt", count: 1)],
            sources: [SourceFacet(domain: "example.org", count: 1)])
        result.hits[0].titleHighlights = [Span(start: 0, end: 5)]
        result.hits[0].sectionHighlights = []
        result.hits[0].explanation = [
            ScoreContribution(
                kind: "word", query: "collagen", weight: 2.75, synonyms: ["kollagen"],
                occurrences: WordOccurrences(text: 1, heading: 0, title: 0)),
            ScoreContribution(kind: "wordsTogether", query: "collagen fibres", weight: 0),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try encoder.encode(result), as: UTF8.self) + "\n"
        #expect(SearchOutput.json(result) == expected)
    }

    @Test func staleHitsAreMarked() throws {
        let human = SearchOutput.human(Self.result, style: OutputStyle(color: false), relativeTo: "/c")
        #expect(human.contains("  #1 3:1 (changed since it was indexed)\n"), "\(human)")
        #expect(
            SearchOutput.vimgrep(Self.result, relativeTo: "/c")
                == "a.txt:3:1:[changed since it was indexed] collagen fibres\n")
        #expect(SearchOutput.json(Self.result).contains(#""stale":true"#))
    }
}

/// Past the last hit, the human output says how many there were.
@Suite struct OffsetOutputTests {
    @Test func aPagePastTheLastHitCountsTheMatches() {
        let past = SearchResult(query: "collagen", estimatedTotal: 12, hits: [])
        #expect(
            SearchOutput.human(past, style: OutputStyle(color: false), relativeTo: "/")
                == "\"collagen\" matches 12 passages; --offset is past the last of them.\n")
        let none = SearchResult(query: "collagen", estimatedTotal: 0, hits: [])
        #expect(
            SearchOutput.human(none, style: OutputStyle(color: false), relativeTo: "/")
                == "No passages match \"collagen\".\n")
    }
}

/// `--vimgrep` prints one line per matching line, with the file's own text of that line.
@Suite struct VimgrepLineTests {
    @Test func eachMatchingLineIsPrintedWholeFromTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("passim-vimgrep-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.txt")
        // The passage starts in the middle of line 2; its matches are on lines 2 and 3.
        try "Title\nEarlier text. Collagen heals\nand collagen again.\n".write(
            to: file, atomically: false, encoding: .utf8)
        let text = "Collagen heals\nand collagen again."
        let result = SearchResult(
            query: "collagen", estimatedTotal: 1,
            hits: [
                SearchHit(
                    rank: 1, score: 1, article: ArticleSummary(id: "a", title: "Title", path: file.path, sources: []),
                    passage: PassageInfo(id: "a#1", ordinal: 1, section: nil, text: text),
                    location: TextRange(start: 20, end: 53, startLine: 2, startColumn: 15, endLine: 3, endColumn: 20),
                    highlights: [
                        Highlight(start: 0, end: 8, line: 2, column: 15, endLine: 2, endColumn: 23),
                        Highlight(start: 19, end: 27, line: 3, column: 5, endLine: 3, endColumn: 13),
                    ])
            ])
        #expect(
            SearchOutput.vimgrep(result, relativeTo: folder.path)
                == "a.txt:2:15:Earlier text. Collagen heals\na.txt:3:5:and collagen again.\n")
    }
}

/// One header per article, in the order of its best hit, each hit with its rank.
@Suite struct GroupingTests {
    static func hit(_ rank: Int, _ article: String, line: Int) -> SearchHit {
        SearchHit(
            rank: rank, score: Double(10 - rank),
            article: ArticleSummary(id: article, title: "Title \(article)", path: "/c/\(article).txt", sources: []),
            passage: PassageInfo(id: "\(article)#\(rank)", ordinal: rank, section: nil, text: "collagen \(rank)"),
            location: TextRange(start: 0, end: 10, startLine: line, startColumn: 1, endLine: line, endColumn: 11),
            highlights: [Highlight(start: 0, end: 8, line: line, column: 1, endLine: line, endColumn: 9)])
    }

    @Test func anArticleIsAnnouncedOnceAndTheRanksStayVisible() {
        let result = SearchResult(
            query: "collagen", estimatedTotal: 3,
            hits: [Self.hit(1, "a", line: 3), Self.hit(2, "b", line: 5), Self.hit(3, "a", line: 9)])
        #expect(
            SearchOutput.human(result, style: OutputStyle(color: false), relativeTo: "/c") == """
                a.txt — Title a
                  #1 3:1
                    collagen 1
                  #3 9:1
                    collagen 3

                b.txt — Title b
                  #2 5:1
                    collagen 2

                1–3 of about 3 passages

                """)
    }
}

/// Title and heading words that matched are marked, and a hit matched only there says where.
@Suite struct TitleAndHeadingOutputTests {
    static let result = SearchResult(
        query: "scars sun", estimatedTotal: 1,
        hits: [
            SearchHit(
                rank: 1, score: 1, article: ArticleSummary(id: "a", title: "Acne Scars", path: "/c/a.txt", sources: []),
                passage: PassageInfo(id: "a#2", ordinal: 2, section: "Sun care", text: "Cover them."),
                location: TextRange(start: 20, end: 31, startLine: 5, startColumn: 1, endLine: 5, endColumn: 12),
                highlights: [], titleHighlights: [Span(start: 5, end: 10)], sectionHighlights: [Span(start: 0, end: 3)])
        ])

    @Test func aHitMatchedOutsideItsTextSaysWhere() {
        let plain = SearchOutput.human(Self.result, style: OutputStyle(color: false), relativeTo: "/c")
        #expect(
            plain.hasPrefix("a.txt — Acne Scars\n  #1 5:1 § Sun care (matched in the title and heading)\n"), "\(plain)")
    }

    @Test func matchedTitleAndHeadingWordsAreColoured() {
        let colour = SearchOutput.human(Self.result, style: OutputStyle(color: true), relativeTo: "/c")
        #expect(colour.contains("\u{1B}[1mAcne \u{1B}[0m\u{1B}[1;31mScars\u{1B}[0m"), "\(colour)")
        #expect(colour.contains("\u{1B}[1;31mSun\u{1B}[0m\u{1B}[2m care\u{1B}[0m"), "\(colour)")
    }
}

/// `--facets` lists where every match is, after the hits.
@Suite struct FacetOutputTests {
    @Test func facetsFollowTheHits() {
        var result = StaleOutputTests.result
        result.hits[0].stale = nil
        result.facets = Facets(
            articles: [ArticleFacet(id: "a", title: "Notes", path: "/c/a.txt", count: 3)],
            sources: [SourceFacet(domain: "nih.gov", count: 3)])
        let human = SearchOutput.human(result, style: OutputStyle(color: false), relativeTo: "/c")
        #expect(
            human.hasSuffix(
                "of about 1 passages\n\nMatches by article:\n  3\ta.txt\nMatches by source:\n  3\tnih.gov\n"),
            "\(human)")
    }
}
