import Foundation
import PassimProtocol
import Testing

@testable import passim

/// `passim pick`'s own logic: the word Tab completes, the lines fzf gets, the
/// preview's marks, and how each editor is told where to start.
@Suite struct PickTests {
    @Test func theWordBeingTypedIsTheLastOneWithoutOperatorsOrField() {
        #expect(QueryCompletion(query: "stem cel")?.word == "cel")
        #expect(QueryCompletion(query: "stem cel")?.completed(with: "cells") == "stem cells ")
        #expect(QueryCompletion(query: "acne +title:col")?.completed(with: "collagen") == "acne +title:collagen ")
        #expect(QueryCompletion(query: "\"depressed sc")?.completed(with: "scars") == "\"depressed scars ")
        #expect(QueryCompletion(query: "-(las")?.word == "las")
        // Nothing is being typed after a space, and a wildcard, an operator or a closed group is no word.
        for query in ["", "stem ", "plate*", "acne AND", "a NEAR/3", "(laser)", "title:"] {
            #expect(QueryCompletion(query: query) == nil, "\(query)")
        }
    }

    @Test func aLineCarriesThePlaceAndTheMarksAndShowsHeadingAndSnippet() {
        let hit = SearchHit(
            rank: 1, score: 1,
            article: ArticleSummary(id: "a", title: "Acne", path: "/c/a.txt", sources: []),
            passage: PassageInfo(id: "a#2", ordinal: 2, section: "Scars", text: "✔ depressed scars"),
            location: TextRange(start: 10, end: 30, startLine: 4, startColumn: 1, endLine: 4, endColumn: 20),
            highlights: [
                Highlight(start: 4, end: 13, line: 4, column: 5, endLine: 4, endColumn: 14),
                Highlight(start: 14, end: 19, line: 4, column: 15, endLine: 4, endColumn: 20),
            ])
        let line = PickLines.line(for: hit, style: OutputStyle(color: false))
        #expect(line == "/c/a.txt\t4\t5\t4:5:4:14,4:15:4:20\tAcne § Scars  ✔ depressed scars")
        #expect(PickLines.header("3 of about 3 passages") == "\t\t\t\t3 of about 3 passages")

        var stale = hit
        stale.stale = true
        // Its marks are the indexed version's: nothing is marked in today's file, and it says so.
        let fields = PickLines.line(for: stale, style: OutputStyle(color: false))
            .split(separator: "\t", omittingEmptySubsequences: false)
        #expect(fields[3].isEmpty && fields[4].contains("changed since it was indexed"), "\(fields)")
    }

    @Test func thePreviewMarksTheMatchedBytesAndNumbersTheLines() {
        let file = Array("# Acne\n✔ depressed scars\n\ttab\u{1B}[2J\r\n".utf8)
        let spans = PickPreview.spans("2:5:2:14, 2:15:2:20,garbage")
        #expect(spans.count == 2)
        let shown = PickPreview.render(file, spans: spans)
        let lines = shown.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines[1].hasSuffix(
                "✔ \(PickPreview.markOn)depressed\(PickPreview.markOff) \(PickPreview.markOn)scars\(PickPreview.markOff)"
            ))
        // Control characters are shown, not obeyed; a tab is spaces; the CR before the newline goes.
        #expect(lines[2].hasSuffix("    tab␛[2J"), "\(lines[2])")
        #expect(lines[0].contains("1\u{1B}[0m  # Acne"))
    }

    @Test func eachEditorIsToldTheLineAndColumnItsWay() {
        func launch(_ editor: String) -> [String] {
            EditorLaunch(command: editor, path: "/c/a.txt", line: 4, byteColumn: 5, characterColumn: 3).arguments
        }
        #expect(launch("vim") == ["vim", "+call cursor(4, 5)", "/c/a.txt"])
        #expect(launch("/usr/bin/nvim -u NONE") == ["/usr/bin/nvim", "-u", "NONE", "+call cursor(4, 5)", "/c/a.txt"])
        #expect(launch("emacsclient -t") == ["emacsclient", "-t", "+4:3", "/c/a.txt"])
        #expect(launch("nano") == ["nano", "+4,3", "/c/a.txt"])
        #expect(launch("hx") == ["hx", "/c/a.txt:4:3"])
        #expect(launch("code --wait") == ["code", "--wait", "--goto", "/c/a.txt:4:3"])
        #expect(launch("ed") == ["ed", "+4", "/c/a.txt"])
        #expect(launch("  ") == ["vi", "+4", "/c/a.txt"])
        #expect(EditorLaunch.command(environment: ["VISUAL": "", "EDITOR": "nano"]) == "nano")
        #expect(EditorLaunch.command(environment: [:]) == "vi")
    }

    @Test func aCharacterColumnCountsTheCharactersBeforeTheByteColumn() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pick-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        try "# Acne\n✔ depressed scars\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(EditorLaunch.characterColumn(path: file.path, line: 2, byteColumn: 5) == 3)
        #expect(EditorLaunch.characterColumn(path: file.path, line: 9, byteColumn: 5) == 5)
    }
}
