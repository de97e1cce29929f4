import Foundation
import PassimArticles
import PassimTestSupport
import Testing

/// Every passage's text is exactly the file's bytes in its range, and its lines and columns
/// agree with its byte offsets (recounted here independently of the parser).
@Suite struct PassageSpanTests {
    @Test(arguments: CorpusGoldenTests.articles)
    func corpusSpansAreExact(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: TestPaths.corpus.appendingPathComponent(name)))
        let article = try ArticleParser().parse(bytes, id: name, path: name)
        #expect(!article.passages.isEmpty)
        Self.checkSpans(article, bytes)
    }

    /// The same checks on files with CRLF endings, a BOM, tabs, multi-byte text and no final
    /// newline.
    @Test(arguments: [
        "\u{FEFF}Title Line\r\n\r\nFirst paragraph here with enough words to stand alone.\r\n",
        "Überschrift Größe\n\tEinrückung mit Tabulator und genug Wörtern für einen Absatz.",
        "Heading\r\n- item one with words\r\n- item two with words\r\n\r\nTail sentence is here now.",
        "A | B | C\n---|---|---\n1 | 2 | 3\nAfter the table comes a normal paragraph of text.",
        "no title here, wrapped text that goes\non and on across lines until\nit ends here.",
    ])
    func syntheticSpansAreExact(_ text: String) throws {
        let bytes = Array(text.utf8)
        let article = try ArticleParser().parse(bytes, id: "t", path: "t.txt")
        #expect(!article.passages.isEmpty)
        Self.checkSpans(article, bytes)
    }

    /// Random articles built from the line shapes the parser cares about (headings, markers,
    /// tables, wraps, chrome, links, CRLF, BOM, multi-byte text): spans stay exact, no crash.
    @Test func randomArticlesKeepExactSpans() throws {
        let pieces = [
            "Heading Line", "What Is It?", "1. Step Heading", "  • bullet item with words.",
            "- dash item", "✔ checked item here.", "2) numbered item", "A | B | C", "---|---|---",
            "Plain sentence that ends here.", "wrapped line that goes on", "and continues here.",
            "Lead-in sentence first. Then the intro:", "Sources", "https://example.org/a",
            "Leave a Reply", "* * *", "", "   ", "Ünïcödé text — with dashes – and “quotes”.",
            "(MSCs) and PRP (platelet-rich plasma)", "\t tabbed line.", "#", "## Markdown Heading",
        ]
        var random = SeededGenerator(seed: 2024)
        var parsed = 0
        let parser = try ArticleParser()
        for _ in 0..<300 {
            let count = Int(random.next() % 14) + 1
            var lines = (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }
            if random.next() % 4 == 0 { lines[0] = "\u{FEFF}" + lines[0] }
            let newline = random.next() % 3 == 0 ? "\r\n" : "\n"
            let text = lines.joined(separator: newline) + (random.next() % 2 == 0 ? newline : "")
            let bytes = Array(text.utf8)
            do {
                let article = try parser.parse(bytes, id: "r", path: "r.txt")
                Self.checkSpans(article, bytes)
                #expect(!article.title.isEmpty)
                parsed += 1
            } catch {
                // Only content-free inputs may fail, and only with these reasons.
                #expect(error.reason == .noPassages || error.reason == .empty, "\(error)")
            }
        }
        #expect(parsed > 150)
    }

    static func checkSpans(_ article: Article, _ bytes: [UInt8]) {
        var previousEnd = 0
        for (index, passage) in article.passages.enumerated() {
            let place = passage.location
            #expect(passage.ordinal == index + 1)
            #expect(place.byteStart >= previousEnd, "passages overlap or go backwards")
            #expect(place.byteStart < place.byteEnd && place.byteEnd <= bytes.count)
            previousEnd = place.byteEnd
            guard place.byteStart < place.byteEnd, place.byteEnd <= bytes.count else { continue }

            let slice = Array(bytes[place.byteStart..<place.byteEnd])
            #expect(slice == Array(passage.text.utf8), "passage \(passage.ordinal) text != file bytes")
            #expect(!isSpace(slice[0]) && !isSpace(slice[slice.count - 1]), "untrimmed passage")

            let start = lineAndColumn(of: place.byteStart, in: bytes)
            let end = lineAndColumn(of: place.byteEnd, in: bytes)
            #expect(place.startLine == start.line && place.startColumn == start.column)
            #expect(place.endLine == end.line && place.endColumn == end.column)
        }
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// 1-based line and byte column, counted from the start of the file.
    static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let newlines = bytes[..<offset].enumerated().filter { $0.element == 0x0A }
        let lineStart = newlines.last.map { $0.offset + 1 } ?? 0
        return (newlines.count + 1, offset - lineStart + 1)
    }
}
