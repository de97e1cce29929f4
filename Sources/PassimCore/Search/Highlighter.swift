import PassimAnalysis
import PassimArticles
import PassimQuery

/// Marks the words of a passage that the query matched, using the same analyzer as indexing.
struct Highlighter {
    let plan: HighlightPlan
    /// The searcher's stems (and analyzer): stemming every word of every hit was a sixth of a
    /// query's time before they were cached.
    let stems: StemCache
    /// First bytes a token can start with and still match, or nil when any token may match.
    private let firstBytes: ByteSet?

    init(plan: HighlightPlan, stems: StemCache) {
        self.plan = plan
        self.stems = stems
        firstBytes = Self.firstBytes(of: plan)
    }

    /// Byte ranges in the passage text of matched words, with their places in the file.
    func highlights(in passage: Passage) -> [MatchedWord] {
        let positions = TextPositions(text: passage.text, location: passage.location, map: passage.map)
        return ranges(in: passage.text).map { MatchedWord(range: $0, location: positions.location(of: $0)) }
    }

    /// UTF-8 byte ranges in `text` (a passage's text, a title, a heading) of the words the
    /// query matched, in order; overlapping ranges (a CJK word and its bigrams) become one.
    func ranges(in text: String) -> [Range<Int>] {
        let analyzed = stems.analyzer.analyze(text)
        var found: [Range<Int>] = []
        for tokens in [analyzed.tokens, analyzed.bigrams] {
            for token in tokens where matches(token) { found.append(token.start..<token.end) }
        }
        found.sort { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
        var merged: [Range<Int>] = []
        for range in found {
            if let last = merged.last, range.lowerBound < last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// `plan.matches(token:stem:)`, asked only of tokens that can match, stemming a word only
    /// when its term alone does not match: most words of a passage are neither.
    private func matches(_ token: Token) -> Bool {
        if token.kind != .bigram, let firstBytes, let first = token.term.utf8.first, !firstBytes.contains(first) {
            return false
        }
        if plan.matches(token: token, stem: nil) { return true }
        guard token.kind == .word, !plan.stems.isEmpty else { return false }
        return plan.matches(token: token, stem: stems.stem(token.term))
    }

    /// The first bytes of the plan's terms, stems and prefixes: a term matches only its own
    /// first byte, a prefix only words that start with it, and an English stem keeps its word's
    /// first letter (Snowball changes endings; HighlighterTests checks it).
    private static func firstBytes(of plan: HighlightPlan) -> ByteSet? {
        var set = ByteSet()
        for word in [plan.terms, plan.stems, plan.prefixes].joined() {
            guard let first = word.utf8.first else { return nil }
            set.insert(first)
        }
        return set
    }

}

/// A set of bytes as a 256-bit mask.
struct ByteSet {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }
}
