/// Pipeline step 4: overlapping two-character grams over runs of CJK tokens.
///
/// ICU's dictionary segmentation of Chinese and Japanese is a guess; a query word may be cut
/// differently from the document, or sit inside a longer word (`小板` in `血小板`). Bigrams
/// make those match. A run is a sequence of adjacent `.ideographic`/`.kana` tokens (no byte
/// between them), so grams also span ICU's word cuts (`北京大学` -> 北京 京大 大学).
/// Characters are grapheme clusters, so a half-width kana and its voiced mark stay together.
struct CJKBigrammer {
    /// Bigrams of every CJK run of two or more characters in `tokens`.
    ///
    /// Positions are 1-based, consecutive within a run, with a gap of one between runs, so a
    /// phrase of bigrams never matches across two runs.
    func bigrams(
        of tokens: [Token], in text: String, normalize: (Substring.UTF8View) -> String
    ) -> [Token] {
        var bigrams: [Token] = []
        var position = 0
        var index = 0
        while index < tokens.count {
            guard tokens[index].kind.getsBigrams else {
                index += 1
                continue
            }
            var runEnd = tokens[index].end
            let runStart = tokens[index].start
            index += 1
            while index < tokens.count, tokens[index].kind.getsBigrams, tokens[index].start == runEnd {
                runEnd = tokens[index].end
                index += 1
            }
            let before = bigrams.count
            appendBigrams(
                of: runStart..<runEnd, in: text, startingAt: position + 1, to: &bigrams,
                normalize: normalize)
            if bigrams.count > before {
                position = bigrams[bigrams.count - 1].position + 1
            }
        }
        return bigrams
    }

    private func appendBigrams(
        of run: Range<Int>, in text: String, startingAt firstPosition: Int,
        to bigrams: inout [Token],
        normalize: (Substring.UTF8View) -> String
    ) {
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: run.lowerBound)
        let upper = utf8.index(utf8.startIndex, offsetBy: run.upperBound)
        let characters = text[lower..<upper]
        var position = firstPosition
        var previous: String.Index?
        for current in characters.indices {
            if let previous {
                let end = characters.index(after: current)
                bigrams.append(
                    Token(
                        term: normalize(text[previous..<end].utf8),
                        start: utf8.distance(from: utf8.startIndex, to: previous),
                        end: utf8.distance(from: utf8.startIndex, to: end),
                        position: position, kind: .bigram))
                position += 1
            }
            previous = current
        }
    }
}

extension TokenKind {
    /// Tokens of scripts written without spaces, the ones that get bigrams: Chinese, Japanese,
    /// and the Southeast Asian scripts ICU segments by dictionary.
    public var getsBigrams: Bool { self == .ideographic || self == .kana || self == .southeastAsian }
}
