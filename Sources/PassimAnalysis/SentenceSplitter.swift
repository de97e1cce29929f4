import CICU

/// Splits text into sentences with ICU's UAX #29 sentence rules and English abbreviations.
///
/// The ranges are UTF-8 byte ranges that cover the whole text, in order, without gaps: each
/// sentence keeps its trailing spaces and line break. ICU's `ss=standard` suppressions keep
/// `Mr. Jones` or `Prof. Xavier` together; a `.` between digits (`2.5`) never ends a sentence.
/// ICU 72 still breaks after `Dr.`, `Fig.`, `e.g.` and a few others before a capital letter,
/// so those are merged here (see ``abbreviations``).
/// Not thread safe: use one per thread.
public final class SentenceSplitter {
    /// Lower-cased abbreviations (without the final `.`) after which a break is never kept.
    ///
    /// Only words that practically never end an English sentence: `U.S.` or `Inc.` do, so
    /// they are left to ICU.
    static let abbreviations: Set<String> = [
        "dr", "drs", "fig", "figs", "eq", "eqs", "ref", "refs", "vol", "cf", "al", "ca",
        "e.g", "i.e", "st", "mt", "approx", "vs",
    ]

    private let breaker: ICUBreaker

    /// Opens ICU's English sentence break iterator (with its abbreviation suppressions).
    public init() throws(AnalysisError) {
        breaker = try ICUBreaker(kind: CICU_BREAK_SENTENCE, locale: "en@ss=standard")
    }

    /// The sentences of `text` as UTF-8 byte ranges; empty text has none.
    public func sentences(in text: String) -> [Range<Int>] {
        text.utf8.withContiguousStorageIfAvailable { split($0) }
            ?? Array(text.utf8).withUnsafeBufferPointer { split($0) }
    }

    private func split(_ text: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var sentences: [Range<Int>] = []
        var pendingStart: Int?
        breaker.withSegments(of: text) { segments in
            for segment in segments {
                let range = (pendingStart ?? Int(segment.start))..<Int(segment.end)
                if range.upperBound < text.count, Self.endsWithAbbreviation(text, range) {
                    pendingStart = range.lowerBound
                } else {
                    sentences.append(range)
                    pendingStart = nil
                }
            }
        }
        if let pendingStart {
            sentences.append(pendingStart..<text.count)
        }
        return sentences
    }

    /// Whether the sentence in `range` ends with `<abbreviation>.` plus spaces (not a newline).
    private static func endsWithAbbreviation(
        _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>
    ) -> Bool {
        var end = range.upperBound
        while end > range.lowerBound, text[end - 1] == UInt8(ascii: " ") {
            end -= 1
        }
        guard end > range.lowerBound, text[end - 1] == UInt8(ascii: "."), end < range.upperBound
        else {
            return false
        }
        let dot = end - 1
        var start = dot
        while start > range.lowerBound, isAbbreviationByte(text[start - 1]) {
            start -= 1
        }
        guard start < dot, dot - start <= 8 else { return false }
        // `1st.` or `café.` end in letters but are not abbreviations.
        if start > range.lowerBound, !isWordBoundaryByte(text[start - 1]) { return false }
        let word = String(decoding: UnsafeBufferPointer(rebasing: text[start..<dot]), as: UTF8.self)
        return abbreviations.contains(word.lowercased())
    }

    private static func isWordBoundaryByte(_ byte: UInt8) -> Bool {
        byte < 0x80 && !isAbbreviationByte(byte) && (byte &- UInt8(ascii: "0") >= 10)
    }

    private static func isAbbreviationByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte == UInt8(ascii: ".")
    }
}
