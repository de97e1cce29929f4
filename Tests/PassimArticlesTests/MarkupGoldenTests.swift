import Foundation
import Testing

@testable import PassimArticles

/// Markdown (and HTML) articles, checked against `Golden/markup/<file>.passages.txt`, and the
/// promise their maps make: every word of a passage's clean text points at its own bytes.
///
/// Re-record with `PASSIM_RECORD=1 swift test --filter MarkupGoldenTests`, then read the diff.
@Suite struct MarkupGoldenTests {
    static let fixtures = TestPaths.repositoryRoot.appendingPathComponent("Tests/Fixtures/Markup")
    static let files =
        ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []).sorted()

    @Test func fixturesCoverEachFormat() {
        for format in ["md", "html"] {
            #expect(Self.files.contains { $0.hasSuffix("." + format) }, "no .\(format) fixture")
        }
    }

    @Test(arguments: files)
    func passagesMatchGolden(_ name: String) throws {
        let article = try Self.parse(name)
        let actual = ArticleRendering.render(article)
        let golden = TestPaths.golden.appendingPathComponent("markup/\(name).passages.txt")
        if TestPaths.recording {
            try actual.write(to: golden, atomically: false, encoding: .utf8)
            return
        }
        let expected = try? String(contentsOf: golden, encoding: .utf8)
        #expect(actual == expected, "re-record with PASSIM_RECORD=1 and review the diff")
    }

    /// Every word of every passage maps to a file range holding exactly that word, at the line
    /// and column the file's own bytes give.
    @Test(arguments: files)
    func everyWordPointsAtItsBytes(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent(name)))
        let article = try Self.parse(name)
        // A page in another encoding: its bytes are compared once read as UTF-8.
        let encoding = PageEncoding.declaredEncoding(bytes).flatMap { $0 == "UTF-8" ? nil : $0 }
        var words = 0
        for passage in article.passages {
            let text = Array(passage.text.utf8)
            for word in Self.words(in: text) {
                let location = passage.map?.location(of: word) ?? Self.verbatimLocation(word, of: passage)
                var found = Array(bytes[location.byteStart..<location.byteEnd])
                if let encoding { found = try PageEncoding.transcode(found, from: encoding, path: name).utf8 }
                if article.format == .html { found = Self.decodingEntities(found) }
                #expect(
                    found == Array(text[word]),
                    "\(name) #\(passage.ordinal): \(String(decoding: text[word], as: UTF8.self))")
                #expect(Self.position(of: location.byteStart, in: bytes) == [location.startLine, location.startColumn])
                #expect(Self.position(of: location.byteEnd, in: bytes) == [location.endLine, location.endColumn])
                words += 1
            }
            let span = passage.location
            #expect(span.byteStart < span.byteEnd && span.byteEnd <= bytes.count)
        }
        #expect(words > 20)
    }

    static func parse(_ name: String) throws -> Article {
        let bytes = Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
        return try ArticleParser().parse(bytes, id: (name as NSString).deletingPathExtension, path: "markup/" + name)
    }

    /// Runs of ASCII letters and digits, and each non-ASCII character on its own (a CJK text
    /// has no spaces): the pieces a highlight is made of.
    static func words(in text: [UInt8]) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var start: Int?
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte >= 0x80 {
                if let first = start { words.append(first..<index) }
                start = nil
                var end = index + 1
                while end < text.count, text[end] & 0xC0 == 0x80 { end += 1 }
                words.append(index..<end)
                index = end
                continue
            }
            let isWord = (byte >= 48 && byte <= 57) || ((byte | 0x20) >= 97 && (byte | 0x20) <= 122)
            if isWord, start == nil { start = index }
            if !isWord, let first = start {
                words.append(first..<index)
                start = nil
            }
            index += 1
        }
        if let first = start { words.append(first..<text.count) }
        return words
    }

    /// The fixtures' entities decoded (`&amp;`, `&#8212;`, `&#x2014;` and the named ones they use).
    static func decodingEntities(_ bytes: [UInt8]) -> [UInt8] {
        let named: [String: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "nbsp": "\u{A0}", "deg": "°", "middot": "·",
            "ldquo": "“", "rdquo": "”", "copy": "©", "mdash": "—",
        ]
        let text = String(decoding: bytes, as: UTF8.self)
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&"), let semi = rest[amp...].firstIndex(of: ";") {
            result += rest[..<amp]
            let name = rest[rest.index(after: amp)..<semi]
            if name.hasPrefix("#x"), let code = UInt32(name.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code)
            {
                result.unicodeScalars.append(scalar)
            } else if name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(code) {
                result.unicodeScalars.append(scalar)
            } else {
                result += named[String(name)] ?? String(rest[amp...semi])
            }
            rest = rest[rest.index(after: semi)...]
        }
        return Array((result + rest).utf8)
    }

    static func verbatimLocation(_ range: Range<Int>, of passage: Passage) -> PassimArticles.SourceLocation {
        let start = passage.location.byteStart
        return PassimArticles.SourceLocation(
            byteStart: start + range.lowerBound, byteEnd: start + range.upperBound, startLine: 0, startColumn: 0,
            endLine: 0, endColumn: 0)
    }

    /// The 1-based line and byte column of `offset`, counted from the file.
    static func position(of offset: Int, in bytes: [UInt8]) -> [Int] {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return [line, offset - lineStart + 1]
    }
}
