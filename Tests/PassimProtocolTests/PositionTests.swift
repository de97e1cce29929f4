import PassimProtocol
import Testing

/// A file with characters of every width: `é` (2 bytes), `☕` (3), `𝛼` (4 bytes, a UTF-16
/// surrogate pair), `’` (3). Expected numbers below are counted by hand.
private let file = "Café ☕ notes\n𝛼-helix and the body’s cells\nplain ascii\n"
private let path = "/corpus/widths.txt"

private let article = ArticleSummary(id: "widths", title: "Café ☕ notes", path: path, sources: [])

/// "the body’s cells": bytes 31..<49, line 2 columns 16..<34 in UTF-8.
private let bodyPassage = PassageRecord(
    passage: PassageInfo(id: "widths#2", ordinal: 2, section: nil, text: "the body’s cells"),
    location: TextRange(start: 31, end: 49, startLine: 2, startColumn: 16, endLine: 2, endColumn: 34))

/// "Café ☕ notes": bytes 0..<15, line 1 columns 1..<16.
private let titlePassage = PassageRecord(
    passage: PassageInfo(id: "widths#1", ordinal: 1, section: nil, text: "Café ☕ notes"),
    location: TextRange(start: 0, end: 15, startLine: 1, startColumn: 1, endLine: 1, endColumn: 16))

private let searchResult = SearchResult(
    query: "body cells notes", estimatedTotal: 2,
    hits: [
        SearchHit(
            rank: 1, score: 2, article: article, passage: bodyPassage.passage, location: bodyPassage.location,
            highlights: [
                Highlight(start: 4, end: 12, line: 2, column: 20, endLine: 2, endColumn: 28),  // body’s
                Highlight(start: 13, end: 18, line: 2, column: 29, endLine: 2, endColumn: 34),  // cells
            ]),
        SearchHit(
            rank: 2, score: 1, article: article, passage: titlePassage.passage, location: titlePassage.location,
            highlights: [Highlight(start: 10, end: 15, line: 1, column: 11, endLine: 1, endColumn: 16)]),  // notes
    ])

/// Counts file loads, to check that UTF-8 reads nothing and each file is read once.
private final class Loads: @unchecked Sendable {
    var paths: [String] = []
}

private func converter(_ encoding: PositionEncoding, text: String = file, loads: Loads = Loads()) -> PositionConverter {
    PositionConverter(encoding: encoding) { requested, _ in
        loads.paths.append(requested)
        return SourceText(text)
    }
}

@Suite("Position encodings")
struct PositionTests {
    @Test(arguments: [
        ([String]?.none, PositionEncoding.utf8), ([], .utf8), (["utf-16"], .utf16), (["utf-8", "utf-16"], .utf8),
        (["utf-7", "UTF-32", "utf-16"], .utf32), (["latin1"], .utf8),
    ])
    func negotiation(_ offered: [String]?, _ chosen: PositionEncoding) {
        #expect(PositionEncoding.negotiate(offered) == chosen)
        let request = InitializeRequest(capabilities: ClientCapabilities(general: .init(positionEncodings: offered)))
        #expect(request.negotiatedPositionEncoding == chosen)
    }

    @Test func searchResultInUTF16() throws {
        let loads = Loads()
        let converted = try converter(.utf16, loads: loads).convert(searchResult)
        let body = converted.hits[0]
        #expect(
            body.location == TextRange(start: 26, end: 42, startLine: 2, startColumn: 14, endLine: 2, endColumn: 30))
        #expect(
            body.highlights == [
                Highlight(start: 4, end: 10, line: 2, column: 18, endLine: 2, endColumn: 24),
                Highlight(start: 11, end: 16, line: 2, column: 25, endLine: 2, endColumn: 30),
            ])
        let title = converted.hits[1]
        #expect(title.location == TextRange(start: 0, end: 12, startLine: 1, startColumn: 1, endLine: 1, endColumn: 13))
        #expect(title.highlights == [Highlight(start: 7, end: 12, line: 1, column: 8, endLine: 1, endColumn: 13)])
        #expect(converted.hits.map(\.passage) == searchResult.hits.map(\.passage), "texts and ids do not change")
        #expect(loads.paths == [path], "one read per file")
    }

    @Test func searchResultInUTF32() throws {
        let converted = try converter(.utf32).convert(searchResult)
        #expect(
            converted.hits[0].location
                == TextRange(start: 25, end: 41, startLine: 2, startColumn: 13, endLine: 2, endColumn: 29))
        #expect(
            converted.hits[0].highlights[0]
                == Highlight(start: 4, end: 10, line: 2, column: 17, endLine: 2, endColumn: 23))
        #expect(converted.hits[1].location.end == 12)
    }

    @Test func utf8IsUnchangedAndReadsNothing() throws {
        let loads = Loads()
        #expect(try converter(.utf8, loads: loads).convert(searchResult) == searchResult)
        #expect(loads.paths.isEmpty)
    }

    @Test func passageAndArticleResults() throws {
        let passage = PassageGetResult(article: article, passage: bodyPassage, before: [titlePassage], after: [])
        let converted = try converter(.utf16).convert(passage)
        #expect(converted.passage.location.startColumn == 14)
        #expect(converted.before.first?.location.end == 12)
        let full = ArticleGetResult(article: article, passageCount: 2, passages: [titlePassage, bodyPassage])
        #expect(try converter(.utf32).convert(full).passages?.map(\.location.start) == [0, 25])
        let bare = ArticleGetResult(article: article, passageCount: 2)
        #expect(try converter(.utf16).convert(bare) == bare)
    }

    @Test func queryOffsets() throws {
        // "café AND" with the error at `AND`: byte 6, UTF-16 unit 5.
        #expect(try converter(.utf16).convertQueryOffset(6, in: "café AND") == 5)
        #expect(try converter(.utf8).convertQueryOffset(6, in: "café AND") == 6)
        #expect(try PositionEncoding.utf16.offset(ofUTF8Offset: 4, in: "𝛼x") == 2)
        #expect(try PositionEncoding.utf32.offset(ofUTF8Offset: 4, in: "𝛼x") == 1)
    }

    @Test func everyScalarBoundaryAgreesWithSwiftStrings() throws {
        let text = "a\u{301}é☕𝛼x\r\n😀👍🏽 中文字 ไทย\tend" + file
        let source = SourceText(text)
        for index in text.unicodeScalars.indices + [text.endIndex] {
            let utf8 = text.utf8.distance(from: text.startIndex, to: index)
            let utf16 = text.utf16.distance(from: text.startIndex, to: index)
            let scalars = text.unicodeScalars.distance(from: text.startIndex, to: index)
            #expect(try PositionEncoding.utf16.offset(ofUTF8Offset: utf8, in: text) == utf16)
            #expect(try PositionEncoding.utf32.offset(ofUTF8Offset: utf8, in: text) == scalars)
            #expect(try source.offset(utf8, in: .utf16) == utf16)
            #expect(try source.offset(utf8, in: .utf32) == scalars)
            #expect(try source.offset(utf8, in: .utf8) == utf8)
        }
    }

    @Test func columnsAtLineEnds() throws {
        let source = SourceText("ab\r\nc")
        #expect(source.lineCount == 2)
        #expect(try source.column(4, line: 1, in: .utf16) == 4, "just past the \\r: an exclusive end")
        #expect(try source.column(2, line: 2, in: .utf16) == 2, "the end of a last line without newline")
        #expect(throws: PositionConversionError.columnOutOfRange(line: 1, column: 5)) {
            try source.column(5, line: 1, in: .utf16)
        }
        #expect(throws: PositionConversionError.lineOutOfRange(line: 3, lineCount: 2)) {
            try source.column(1, line: 3, in: .utf16)
        }
        #expect(throws: PositionConversionError.columnOutOfRange(line: 1, column: 0)) {
            try source.column(0, line: 1, in: .utf16)
        }
        #expect(SourceText("").lineCount == 1)
    }

    @Test func offsetsInsideCharactersOrPastTheEndAreRefused() {
        #expect(throws: PositionConversionError.notCharacterBoundary(offset: 4)) {
            try PositionEncoding.utf16.offset(ofUTF8Offset: 4, in: "Café")
        }
        #expect(throws: PositionConversionError.offsetOutOfRange(offset: 6, length: 5)) {
            try PositionEncoding.utf16.offset(ofUTF8Offset: 6, in: "Café")
        }
        #expect(throws: PositionConversionError.offsetOutOfRange(offset: -1, length: 5)) {
            try SourceText("Café").offset(-1, in: .utf32)
        }
        #expect(throws: PositionConversionError.notCharacterBoundary(offset: 2)) {
            try SourceText("\n𝛼").column(2, line: 2, in: .utf16)
        }
    }

    @Test func aFileEditedSinceIndexingIsDetected() {
        let edited = file.replacingOccurrences(of: "body’s", with: "body's")
        #expect(throws: PositionConversionError.sourceChanged(path: path)) {
            try converter(.utf16, text: edited).convert(searchResult)
        }
        let shorter = "Café"
        #expect(throws: PositionConversionError.sourceChanged(path: path)) {
            try converter(.utf16, text: shorter).convert(searchResult)
        }
    }

    /// A Markdown or HTML article's passage text is its clean text, not the file's bytes: its
    /// places are converted from the file without comparing the two.
    @Test func aMarkupArticlesCleanTextIsNotComparedWithTheFile() throws {
        // The file has `**body’s**`; the passage text has no asterisks.
        let markup = "Café ☕ notes\n𝛼-helix and the **body’s** cells\nplain ascii\n"
        var result = searchResult
        result.hits = [result.hits[0]]
        result.hits[0].article.format = "markdown"
        result.hits[0].location = TextRange(
            start: 31, end: 53, startLine: 2, startColumn: 16, endLine: 2, endColumn: 38)
        result.hits[0].highlights = [Highlight(start: 4, end: 12, line: 2, column: 22, endLine: 2, endColumn: 30)]
        let converted = try converter(.utf16, text: markup).convert(result)
        // `𝛼` is 4 UTF-8 bytes and 2 UTF-16 units: columns after it move 2 to the left.
        #expect(converted.hits[0].location.startColumn == 14 && converted.hits[0].location.endColumn == 34)
        #expect(converted.hits[0].highlights.map(\.column) == [20])
        // The same hit as plain text is the file changed since indexing.
        result.hits[0].article.format = nil
        #expect(throws: PositionConversionError.sourceChanged(path: path)) {
            try converter(.utf16, text: markup).convert(result)
        }
    }

    @Test func anUnreadableFileIsReported() {
        struct Gone: Error, CustomStringConvertible { var description: String { "no such file" } }
        let failing = PositionConverter(encoding: .utf16) { _, _ in throw Gone() }
        #expect(throws: PositionConversionError.sourceUnavailable(path: path, reason: "no such file")) {
            try failing.convert(searchResult)
        }
        #expect(PositionConversionError.sourceChanged(path: path).description.contains("passim ingest"))
    }
}
