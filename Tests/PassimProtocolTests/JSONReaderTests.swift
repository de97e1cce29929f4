import Foundation
import PassimProtocol
import PassimTestSupport
import Testing

/// `JSONReader` must read a search answer to exactly what `JSONDecoder` makes of the same bytes,
/// and refuse what is not strict JSON, so a client may decode with either.
@Suite struct JSONReaderTests {
    private static func read(_ text: String) throws(JSONReadError) -> SearchResult {
        try JSONReader.read(Array(text.utf8)) { reader throws(JSONReadError) in try reader.read(SearchResult.self) }
    }

    private static func failure(_ text: String, _ body: (inout JSONReader) throws(JSONReadError) -> Void) -> String? {
        do {
            try JSONReader.read(Array(text.utf8), body)
            return nil
        } catch {
            return error.problem
        }
    }

    @Test(arguments: [
        "search.response.json", "search.stale.response.json", "search.lenient.response.json",
        "search.markdown.response.json",
    ])
    func goldenSearchAnswersReadAsJSONDecoderReadsThem(file: String) throws {
        // Pretty-printed, with white space everywhere it may be.
        let bytes = try Data(contentsOf: Golden.bundledURL(file))
        let decoded = try JSONDecoder().decode(ResponseMessage<SearchResult>.self, from: bytes)
        guard case .success(let expected) = decoded.outcome else {
            Issue.record("\(file) is not a result")
            return
        }
        let read = try JSONReader.read(Array(bytes)) { reader throws(JSONReadError) in
            var result: SearchResult?
            try reader.readObject { reader, key throws(JSONReadError) in
                if key == "result" { result = try reader.read(SearchResult.self) } else { try reader.skipValue() }
            }
            return result
        }
        #expect(read == expected)
    }

    @Test func randomSearchAnswersReadBackToTheirValues() throws {
        var random = SeededGenerator(seed: 0x7E4D)
        for round in 0..<400 {
            let result = RandomSearchResults.result(using: &random)
            var json = JSONBytes()
            json.value(result)
            let read = try JSONReader.read(json.bytes) { reader throws(JSONReadError) in
                try reader.read(SearchResult.self)
            }
            try #require(read == result, "round \(round): \(String(decoding: json.bytes, as: UTF8.self))")
            #expect(try JSONDecoder().decode(SearchResult.self, from: Data(json.bytes)) == read)
        }
    }

    @Test func unknownKeysAreSkippedAndNullOptionalsAreAbsent() throws {
        let result = try Self.read(
            #"{"future": {"nested": [1, "two", null, true, {"x": -0.5e3}]}, "query": "a", "estimatedTotal": 2,"#
                + #" "correctedQuery": null, "readAsText": null, "hits": [{"rank": 1, "score": 2, "stale": null,"#
                + #" "article": {"id": "a", "title": "T", "path": "/a.txt", "sources": [], "format": null, "new": 1},"#
                + #" "passage": {"id": "a#1", "ordinal": 1, "section": null, "text": "x"},"#
                + #" "location": {"start": 0, "end": 1, "startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 2},"#
                + #" "highlights": []}]}"#)
        #expect(result.query == "a" && result.estimatedTotal == 2 && result.correctedQuery == nil)
        #expect(result.readAsText == nil)
        let hit = try #require(result.hits.first)
        #expect(hit.score == 2 && hit.stale == nil && hit.article.format == nil && hit.passage.section == nil)
    }

    @Test func escapesAreResolvedAsJSONDecoderResolvesThem() throws {
        let text = #""a\"b\\c\/d\b\f\n\r\t\u00e9\u4e2d\ud83e\uddec\u0000""#
        let read = try JSONReader.read(Array(text.utf8)) { reader throws(JSONReadError) in try reader.readString() }
        #expect(read == "a\"b\\c/d\u{08}\u{0C}\n\r\té中🧬\u{00}")
        #expect(read == (try JSONDecoder().decode(String.self, from: Data(text.utf8))))
    }

    @Test func numbersReadAsJSONDecoderReadsThem() throws {
        for (text, value) in [
            ("0", 0), ("-12", -12), ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min),
            ("3.0", 3), ("1e2", 100),
        ] {
            #expect(
                try JSONReader.read(Array(text.utf8)) { reader throws(JSONReadError) in try reader.readInt() } == value)
        }
        for text in ["7.25", "-0.0", "1e300", "5e-324", "0.30000000000000004", "123456789012345680"] {
            let read = try JSONReader.read(Array(text.utf8)) { reader throws(JSONReadError) in try reader.readDouble() }
            #expect(read == (try JSONDecoder().decode(Double.self, from: Data(text.utf8))), "\(text)")
        }
    }

    @Test(arguments: [
        (#"{"a": 1,}"#, "expected a key"),
        (#"[1, 2,]"#, "expected a value"),
        (#"{"a": 01}"#, "expected `,` or `}` in an object"),
        (#"{"a": "x"#, "a string without its closing quote"),
        ("{\"a\": \"x\ny\"}", "a raw control character in a string (escape it)"),
        (#"{"a": "\ud800"}"#, "a high surrogate escape without its low half"),
        (#"{"a": "\udc00"}"#, "a low surrogate escape without its high half"),
        (#"{"a": "\x"}"#, "an unknown escape"),
        (#"{"a": 1} {"#, "more after the end of the value"),
        (#"{"a": tru}"#, "expected `true`"),
        (#"{'a': 1}"#, "expected a key"),
        (#"{"a": -}"#, "expected a value"),
        (#"{"a": 1.}"#, "expected a digit after `.`"),
        (#"{"a": 1e}"#, "expected a digit in the exponent"),
    ])
    func malformedJSONIsRefusedWhereItBreaks(text: String, problem: String) {
        #expect(Self.failure(text) { reader throws(JSONReadError) in try reader.skipValue() } == problem, "\(text)")
    }

    @Test func invalidUTF8IsRefusedWhetherReadOrSkipped() {
        let cases: [[UInt8]] = [
            [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF8], [0x80],
            [0xE2, 0x82], [0xF0, 0x9F, 0x98],
        ]
        for bad in cases {
            let bytes = Array(#"{"a": "ok "#.utf8) + bad + Array(#" ok"}"#.utf8)
            for skip in [true, false] {
                let problem: String?
                do {
                    try JSONReader.read(bytes) { reader throws(JSONReadError) in
                        try reader.readObject { reader, _ throws(JSONReadError) in
                            if skip { try reader.skipValue() } else { _ = try reader.readString() }
                        }
                    }
                    problem = nil
                } catch {
                    problem = error.problem
                }
                #expect(problem == "a string that is not valid UTF-8", "\(bad) skip: \(skip)")
            }
        }
    }

    @Test func utf8ValidationAgreesWithTheStandardLibrary() throws {
        var random = SeededGenerator(seed: 0x0FF8)
        let interesting: [UInt8] = [
            0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0xA0, 0x90,
        ]
        for _ in 0..<5_000 {
            let bytes: [UInt8] = (0..<Int.random(in: 1...6, using: &random)).map { _ in
                Bool.random(using: &random)
                    ? interesting.randomElement(using: &random) ?? 0 : UInt8.random(in: 0...255, using: &random)
            }
            // What JSON would escape is replaced, so that only the bytes' UTF-8 is in question.
            let inner: [UInt8] = bytes.map { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 ? 0x5F : $0 }
            let json: [UInt8] = [0x22] + inner + [0x22]
            let valid = String(validating: inner, as: UTF8.self) != nil
            let read = try? JSONReader.read(json) { reader throws(JSONReadError) in try reader.readString() }
            #expect((read != nil) == valid, "\(inner)")
        }
    }

    @Test func missingRequiredKeysAndWrongTypesAreErrors() {
        #expect(
            Self.failure(#"{"query": "a", "hits": []}"#) { reader throws(JSONReadError) in
                _ = try reader.read(SearchResult.self)
            } == "`estimatedTotal` missing from a search result")
        #expect(
            Self.failure(#"{"query": 1, "estimatedTotal": 0, "hits": []}"#) { reader throws(JSONReadError) in
                _ = try reader.read(SearchResult.self)
            } == "expected a string")
        #expect(
            Self.failure("9223372036854775808") { reader throws(JSONReadError) in _ = try reader.readInt() }
                == "expected an integer that fits in 64 bits")
        #expect(
            Self.failure("2.5") { reader throws(JSONReadError) in _ = try reader.readInt() }
                == "expected an integer that fits in 64 bits")
    }

    @Test func deepNestingIsRefusedWithoutExhaustingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(
            Self.failure(deep) { reader throws(JSONReadError) in try reader.skipValue() }
                == "values nested more than \(JSONReader.maxDepth) deep")
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(Self.failure(fine) { reader throws(JSONReadError) in try reader.skipValue() } == nil)
    }

    @Test func skippingReportsWhereTheValueLies() throws {
        let range = try JSONReader.read(Array(#"  {"a": [1, {"b": "\"}"}]}  "#.utf8)) { reader throws(JSONReadError) in
            try reader.skipValue()
        }
        #expect(range == 2..<26)
    }
}
