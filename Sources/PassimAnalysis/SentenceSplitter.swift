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

    /// The bytes ICU segments at a time: its UTF-16 copy and offset map of a whole huge
    /// paragraph were six bytes for every byte of it, kept for the splitter's lifetime.
    static let window = 1 << 16

    /// The sentences of UTF-8 `bytes` read with line breaks as spaces (ICU ends a sentence at
    /// a line break; a hard-wrapped paragraph must not), as byte ranges from the slice's start.
    ///
    /// A long text is segmented a window at a time, so memory stays bounded whatever its size:
    /// each window's last sentence, which may run on past it, starts the next window.
    public func sentences(readingLineBreaksAsSpaces bytes: ArraySlice<UInt8>) -> [Range<Int>] {
        var sentences: [Range<Int>] = []
        var start = 0
        let count = bytes.count
        var scratch: [UInt8] = []
        while start < count {
            var end = min(start + Self.window, count)
            // Not inside a character: continuation bytes are 0b10xxxxxx.
            while end < count, bytes[bytes.startIndex + end] & 0xC0 == 0x80 { end += 1 }
            scratch.removeAll(keepingCapacity: true)
            for byte in bytes[(bytes.startIndex + start)..<(bytes.startIndex + end)] {
                scratch.append(byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") ? UInt8(ascii: " ") : byte)
            }
            var found = scratch.withUnsafeBufferPointer { split($0) }
            if end < count, found.count > 1 {
                found.removeLast()
            }
            for sentence in found {
                sentences.append((start + sentence.lowerBound)..<(start + sentence.upperBound))
            }
            start += found.last?.upperBound ?? (end - start)
        }
        return sentences
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
