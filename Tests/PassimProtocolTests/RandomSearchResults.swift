import PassimProtocol
import PassimTestSupport

/// Random search results for the tests that compare Passim's own JSON writer and reader with
/// Foundation's coders: every escape, non-ASCII text, extreme numbers, optionals present or not.
enum RandomSearchResults {
    /// Every escape JSON has, the characters around them, non-ASCII, and plain words.
    static let pieces: [String] = [
        "", "acne", "stem cells", "\"", "\\", "/", "</script>", "\n", "\r\n", "\t", "\u{08}", "\u{0C}", "\u{00}",
        "\u{01}", "\u{1F}", "\u{7F}", "é", "中文", "🧬", "\u{2028}", "\u{2029}", "\u{FEFF}", "a\"b\\c", "'",
        "https://example.org/a?b=c&d",
    ]

    /// Up to a dozen pieces, so escapes fall at every offset of the eight-byte words the writer
    /// and the reader scan.
    static func text(using random: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
    }

    static func number(using random: inout SeededGenerator) -> Int {
        [0, 1, -1, Int.max, Int.min, Int.random(in: -100_000...100_000, using: &random)].randomElement(using: &random)
            ?? 0
    }

    static func double(using random: inout SeededGenerator) -> Double {
        [
            0, -0.0, 1, 2.5, 1e300, .leastNonzeroMagnitude, 1e-7, 123_456_789_012_345_680, 0.1 + 0.2,
            Double.random(in: 0...40, using: &random), -Double.random(in: 0...1, using: &random),
        ].randomElement(using: &random) ?? 0
    }

    static func range(using random: inout SeededGenerator) -> TextRange {
        TextRange(
            start: number(using: &random), end: number(using: &random), startLine: number(using: &random),
            startColumn: number(using: &random), endLine: number(using: &random), endColumn: number(using: &random))
    }

    static func result(using random: inout SeededGenerator) -> SearchResult {
        let hits = (0..<Int.random(in: 0...3, using: &random)).map { _ in
            SearchHit(
                rank: number(using: &random), score: double(using: &random),
                article: ArticleSummary(
                    id: text(using: &random), title: text(using: &random), path: text(using: &random),
                    sources: (0..<Int.random(in: 0...2, using: &random)).map { _ in text(using: &random) },
                    format: Bool.random(using: &random) ? text(using: &random) : nil),
                passage: PassageInfo(
                    id: text(using: &random), ordinal: number(using: &random),
                    section: Bool.random(using: &random) ? text(using: &random) : nil, text: text(using: &random)),
                location: range(using: &random),
                highlights: (0..<Int.random(in: 0...3, using: &random)).map { _ in
                    Highlight(
                        start: number(using: &random), end: number(using: &random), line: number(using: &random),
                        column: number(using: &random), endLine: number(using: &random),
                        endColumn: number(using: &random))
                }, stale: Bool.random(using: &random) ? true : nil, titleHighlights: spans(using: &random),
                sectionHighlights: spans(using: &random), explanation: explanation(using: &random))
        }
        return SearchResult(
            query: text(using: &random), estimatedTotal: number(using: &random),
            correctedQuery: Bool.random(using: &random) ? text(using: &random) : nil, hits: hits,
            readAsText: Bool.random(using: &random)
                ? (0..<Int.random(in: 1...2, using: &random)).map { _ in
                    ReadAsText(offset: number(using: &random), text: text(using: &random), reason: text(using: &random))
                } : nil, facets: facets(using: &random))
    }

    /// Nil or a few spans: the title's and the heading's highlights.
    static func spans(using random: inout SeededGenerator) -> [Span]? {
        guard Bool.random(using: &random) else { return nil }
        return (0..<Int.random(in: 0...2, using: &random)).map { _ in
            Span(start: number(using: &random), end: number(using: &random))
        }
    }

    /// Nil or an `--explain` breakdown, its own optionals present or not.
    static func explanation(using random: inout SeededGenerator) -> [ScoreContribution]? {
        guard Bool.random(using: &random) else { return nil }
        return (0..<Int.random(in: 0...3, using: &random)).map { _ in
            ScoreContribution(
                kind: text(using: &random), query: text(using: &random), weight: double(using: &random),
                synonyms: Bool.random(using: &random)
                    ? (0..<Int.random(in: 0...2, using: &random)).map { _ in text(using: &random) } : nil,
                occurrences: Bool.random(using: &random)
                    ? WordOccurrences(
                        text: number(using: &random), heading: number(using: &random), title: number(using: &random))
                    : nil)
        }
    }

    /// Nil or `--facets` counts.
    static func facets(using random: inout SeededGenerator) -> Facets? {
        guard Bool.random(using: &random) else { return nil }
        return Facets(
            articles: (0..<Int.random(in: 0...2, using: &random)).map { _ in
                ArticleFacet(
                    id: text(using: &random), title: text(using: &random), path: text(using: &random),
                    count: number(using: &random))
            },
            sources: (0..<Int.random(in: 0...2, using: &random)).map { _ in
                SourceFacet(domain: text(using: &random), count: number(using: &random))
            })
    }
}
