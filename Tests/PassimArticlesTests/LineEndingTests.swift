import PassimArticles
import Testing

/// CRLF files, a byte order mark, and a missing final newline keep exact spans.
@Suite struct LineEndingTests {
    @Test func crlfLinesParseLikeLF() throws {
        let lf =
            "Title Here\n\(lead)\nThese scars can be:\n- Atrophic scars from collagen loss.\n- Raised scars from excess collagen.\n"
        let crlf = lf.replacing("\n", with: "\r\n")
        let unix = try parseArticle(lf)
        let windows = try parseArticle(crlf)
        #expect(windows.title == "Title Here")
        #expect(windows.passages.map(\.kind) == unix.passages.map(\.kind))
        // Same text, except that line breaks inside a passage are the file's own `\r\n`.
        #expect(windows.passages.map { $0.text.replacing("\r\n", with: "\n") } == unix.passages.map(\.text))
        let list = try #require(windows.passages.last)
        #expect(
            list.text
                == "These scars can be:\r\n- Atrophic scars from collagen loss.\r\n- Raised scars from excess collagen."
        )
        #expect(list.location.startLine == 3 && list.location.startColumn == 1)
        // The end is just after "collagen." on line 5: the `\r` is not part of the passage.
        #expect(list.location.endLine == 5 && list.location.endColumn == 37)
        #expect(!list.text.hasSuffix("\r"))
    }

    @Test func byteOrderMarkIsSkippedButCounted() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Title Here\n\(lead)".utf8)
        let article = try ArticleParser().parse(bytes, id: "bom", path: "bom.txt")
        #expect(article.title == "Title Here")
        #expect(!article.titleIsDerived)
        let first = try #require(article.passages.first)
        #expect(first.location.byteStart == 3 + "Title Here\n".utf8.count)
        #expect(first.location.startLine == 2 && first.location.startColumn == 1)
        #expect(article.byteCount == bytes.count)
    }

    @Test func byteOrderMarkBeforeFirstPassage() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(lead.utf8)
        let article = try ArticleParser().parse(bytes, id: "bom", path: "bom.txt")
        let first = try #require(article.passages.first)
        #expect(first.text == lead)
        // Offsets and columns count the file's bytes, BOM included.
        #expect(first.location.byteStart == 3 && first.location.startColumn == 4)
    }

    @Test func noTrailingNewline() throws {
        let text = "\(lead)\nThe last paragraph ends the file without a newline."
        let article = try parseArticle(text)
        let last = try #require(article.passages.last)
        #expect(last.location.byteEnd == text.utf8.count)
        #expect(last.location.endLine == 2)
        #expect(last.location.endColumn == "The last paragraph ends the file without a newline.".utf8.count + 1)
    }

    @Test func multiByteColumnsCountBytes() throws {
        let text = "\(lead)\n  • Über die Größe der Narben wird später entschieden, sagt man."
        let article = try parseArticle(text)
        let last = try #require(article.passages.last)
        #expect(last.location.startColumn == 3)
        // "•" is 3 bytes, "Ü" and "ö" 2 each: the end column counts bytes, not characters.
        let line = "  • Über die Größe der Narben wird später entschieden, sagt man."
        #expect(last.location.endColumn == line.utf8.count + 1)
        #expect(line.utf8.count != line.count)
    }
}
