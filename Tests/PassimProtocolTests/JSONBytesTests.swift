import Foundation
import PassimProtocol
import PassimTestSupport
import Testing

/// The daemon's fast JSON path must write exactly what `JSONEncoder` writes for the same value,
/// so the golden files and every client see one format whichever path made the bytes.
@Suite struct JSONBytesTests {
    private static func reference<R: ResponseType>(_ result: R, id: RequestID) throws -> [UInt8] {
        Array(try MessageEncoder().encode(result: result, id: id))
    }

    @Test func theGoldenSearchAnswerIsWrittenByteForByteAsJSONEncoderWritesIt() throws {
        let fast = try MessageEncoder().encodedBytes(result: GoldenFixtures.searchResult, id: 2)
        let slow = try Self.reference(GoldenFixtures.searchResult, id: 2)
        #expect(String(decoding: fast, as: UTF8.self) == String(decoding: slow, as: UTF8.self))
    }

    @Test func randomSearchAnswersAreWrittenAsJSONEncoderWritesThem() throws {
        var random = SeededGenerator(seed: 0x5EA2C4)
        for round in 0..<400 {
            let result = Self.randomResult(using: &random)
            let id: RequestID = Bool.random(using: &random) ? .number(round - 200) : .string(Self.text(using: &random))
            let fast = try MessageEncoder().encodedBytes(result: result, id: id)
            let slow = try Self.reference(result, id: id)
            try #require(
                fast == slow,
                "round \(round):\n\(String(decoding: fast, as: UTF8.self))\n\(String(decoding: slow, as: UTF8.self))")
        }
    }

    @Test func resultsWithoutAFastPathStillGoThroughJSONEncoder() throws {
        let result = EmptyResponse()
        #expect(try MessageEncoder().encodedBytes(result: result, id: 7) == Self.reference(result, id: 7))
    }

    /// Every escape JSON has, the characters around them, non-ASCII, and plain words.
    private static let pieces: [String] = [
        "", "acne", "stem cells", "\"", "\\", "/", "</script>", "\n", "\r\n", "\t", "\u{08}", "\u{0C}", "\u{00}",
        "\u{01}", "\u{1F}", "\u{7F}", "é", "中文", "🧬", "\u{2028}", "\u{2029}", "\u{FEFF}", "a\"b\\c", "'",
        "https://example.org/a?b=c&d",
    ]

    private static func text(using random: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...4, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
    }

    private static func number(using random: inout SeededGenerator) -> Int {
        [0, 1, -1, Int.max, Int.min, Int.random(in: -100_000...100_000, using: &random)].randomElement(using: &random)
            ?? 0
    }

    private static func double(using random: inout SeededGenerator) -> Double {
        [
            0, -0.0, 1, 2.5, 1e300, .leastNonzeroMagnitude, 1e-7, 123_456_789_012_345_680, 0.1 + 0.2,
            Double.random(in: 0...40, using: &random), -Double.random(in: 0...1, using: &random),
        ].randomElement(using: &random) ?? 0
    }

    private static func range(using random: inout SeededGenerator) -> TextRange {
        TextRange(
            start: number(using: &random), end: number(using: &random), startLine: number(using: &random),
            startColumn: number(using: &random), endLine: number(using: &random), endColumn: number(using: &random))
    }

    private static func randomResult(using random: inout SeededGenerator) -> SearchResult {
        let hits = (0..<Int.random(in: 0...3, using: &random)).map { _ in
            SearchHit(
                rank: number(using: &random), score: double(using: &random),
                article: ArticleSummary(
                    id: text(using: &random), title: text(using: &random), path: text(using: &random),
                    sources: (0..<Int.random(in: 0...2, using: &random)).map { _ in text(using: &random) }),
                passage: PassageInfo(
                    id: text(using: &random), ordinal: number(using: &random),
                    section: Bool.random(using: &random) ? text(using: &random) : nil, text: text(using: &random)),
                location: range(using: &random),
                highlights: (0..<Int.random(in: 0...3, using: &random)).map { _ in
                    Highlight(
                        start: number(using: &random), end: number(using: &random), line: number(using: &random),
                        column: number(using: &random), endLine: number(using: &random),
                        endColumn: number(using: &random))
                }, stale: Bool.random(using: &random) ? true : nil)
        }
        return SearchResult(
            query: text(using: &random), estimatedTotal: number(using: &random),
            correctedQuery: Bool.random(using: &random) ? text(using: &random) : nil, hits: hits)
    }
}
