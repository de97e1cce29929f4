import PassimTestSupport
import Testing

@testable import PassimAnalysis

/// Feeds reproducible random text and checks the invariants every analysis must keep.
@Suite struct BlastTests {
    /// Scalar ranges that stress the analyzer: words, numbers, punctuation, apostrophes,
    /// CJK, kana (full and half width), Thai, Hangul, combining marks, emoji, compatibility forms.
    static let pools: [ClosedRange<UInt32>] = [
        0x61...0x7A, 0x41...0x5A, 0x30...0x39, 0x20...0x2F, 0x0A...0x0A, 0x2018...0x2019,
        0x2010...0x2015, 0x4E00...0x9FFF, 0x3041...0x3096, 0x30A1...0x30FC, 0xFF61...0xFF9F,
        0x0E01...0x0E5B, 0xAC00...0xD7A3, 0x0300...0x036F, 0x1F300...0x1FAFF, 0xFE00...0xFE0F,
        0x200B...0x200D, 0xFB00...0xFB06, 0xFF01...0xFF5E, 0x00C0...0x024F, 0x0391...0x03C9,
        0x0000...0x10FFFF,
    ]

    static func randomText(_ generator: inout SeededGenerator) -> String {
        var text = String.UnicodeScalarView()
        let runs = Int.random(in: 1...12, using: &generator)
        for _ in 0..<runs {
            let pool = pools.randomElement(using: &generator) ?? pools[0]
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                if let scalar = Unicode.Scalar(UInt32.random(in: pool, using: &generator)) {
                    text.append(scalar)
                }
            }
        }
        return String(text)
    }

    @Test func randomTextKeepsInvariants() throws {
        let analyzer = try Analyzer()
        let splitter = try SentenceSplitter()
        var generator = SeededGenerator(seed: 20_241_121)
        for _ in 0..<2_000 {
            let text = Self.randomText(&generator)
            let analyzed = analyzer.analyze(text)
            check(analyzed.tokens, in: text, analyzer)
            checkBigrams(analyzed, in: text, analyzer)
            let sentences = splitter.sentences(in: text)
            #expect(
                sentences.first?.lowerBound == 0 && sentences.last?.upperBound == text.utf8.count)
            #expect(
                zip(sentences, sentences.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        }
    }

    private func check(_ tokens: [Token], in text: String, _ analyzer: Analyzer) {
        let bytes = Array(text.utf8)
        var previousEnd = 0
        for (index, token) in tokens.enumerated() {
            let context = "\(token) in \(text.debugDescription)"
            #expect(token.position == index + 1, "\(context)")
            #expect(
                token.start >= previousEnd && token.start < token.end && token.end <= bytes.count,
                "\(context)")
            guard token.start >= previousEnd, token.start < token.end, token.end <= bytes.count
            else { return }
            #expect(
                isScalarBoundary(bytes, token.start) && isScalarBoundary(bytes, token.end),
                "\(context)")
            let source = String(decoding: bytes[token.start..<token.end], as: UTF8.self)
            #expect(analyzer.normalize(source) == token.term, "\(context)")
            #expect(
                !token.term.isEmpty && token.term.utf8.count <= Analyzer.maximumTermLength,
                "\(context)")
            // NFKC_Casefold is idempotent; only a second possessive could still change.
            if !token.term.hasSuffix("'s"), !token.term.hasSuffix("'") {
                #expect(analyzer.normalize(token.term) == token.term, "\(context)")
            }
            previousEnd = token.end
        }
    }

    private func checkBigrams(_ analyzed: AnalyzedText, in text: String, _ analyzer: Analyzer) {
        let bytes = Array(text.utf8)
        let cjk = analyzed.tokens.filter { $0.kind == .ideographic || $0.kind == .kana || $0.kind == .southeastAsian }
        var previous: Token?
        for bigram in analyzed.bigrams {
            let context = "\(bigram) in \(text.debugDescription)"
            #expect(bigram.kind == .bigram)
            #expect(bigram.start < bigram.end && bigram.end <= bytes.count, "\(context)")
            #expect(
                cjk.contains { $0.start <= bigram.start } && cjk.contains { bigram.end <= $0.end },
                "\(context)")
            if let previous {
                #expect(previous.start < bigram.start && previous.end < bigram.end, "\(context)")
                #expect(previous.position < bigram.position, "\(context)")
            } else {
                #expect(bigram.position == 1, "\(context)")
            }
            guard bigram.start < bigram.end, bigram.end <= bytes.count else { return }
            let source = String(decoding: bytes[bigram.start..<bigram.end], as: UTF8.self)
            #expect(analyzer.normalize(source) == bigram.term, "\(context)")
            previous = bigram
        }
    }

    private func isScalarBoundary(_ bytes: [UInt8], _ offset: Int) -> Bool {
        offset == bytes.count || bytes[offset] & 0xC0 != 0x80
    }
}
