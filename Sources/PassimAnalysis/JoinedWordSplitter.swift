/// Pipeline step 1b: splits an ICU word at the punctuation that joins names, not words.
///
/// UAX #29 keeps `ix.netcom.com`, `concurrent.futures.ProcessPoolExecutor`, `Qt:LocalTime`,
/// `rdunlap@infradead.org` and `autovacuum_work_mem` whole (`.` and `:` join letters, `_`
/// joins anything). Whole, such a word is found only by typing all of it, yet a reader looks for
/// `netcom`, `ProcessPoolExecutor` or `autovacuum`; Xapian's TermGenerator, SQLite's unicode61
/// and tantivy all split there, and Passim lost those searches to them (in the benchmark's
/// phrase queries, 26 to 34 in 1,000 cross such a joint). Split, typing the name whole still
/// finds it: the query word analyzes to the phrase of its parts. Kept whole: `.` between
/// digits (`2.18.0`, `python3.11`), the apostrophe (`don't`: the possessive filter's) and `-`
/// (ICU already splits there).
struct JoinedWordSplitter {
    /// Whether the word `bytes` holds a joiner (most words do not: the fast path).
    static func needsSplit(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains { isJoiner($0) }
    }

    /// Calls `body(start, end, kind)` for each part of the word `bytes[start..<end]`, offsets
    /// into `bytes`; empty parts (`__init__`) are skipped. A part's kind is the one ICU gives a
    /// word ending like it (ICU 72's status follows the last character: `v2` and `hash2` are
    /// numbers, `1st` and `3.5mm` words), so a part typed alone in a query meets it.
    static func forEachPart(
        of bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, kind: TokenKind,
        _ body: (Int, Int, TokenKind) -> Void
    ) {
        var partStart = start
        for index in start..<end where isJoiner(bytes[index]) && !isDigitDot(bytes, at: index, start: start, end: end) {
            emit(bytes, partStart, index, kind, body)
            partStart = index + 1
        }
        if partStart == start {
            body(start, end, kind)  // only dots between digits: ICU's word as it was
        } else {
            emit(bytes, partStart, end, kind, body)
        }
    }

    private static func emit(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ kind: TokenKind,
        _ body: (Int, Int, TokenKind) -> Void
    ) {
        guard start < end else { return }
        let last = bytes[end - 1]
        if isDigit(last) {
            body(start, end, .number)
        } else if last < 0x80 {
            body(start, end, .word)
        } else {
            body(start, end, kind)
        }
    }

    private static func isJoiner(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "@")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// A `.` with a digit on both sides (`1.2` in `x_1.2`).
    private static func isDigitDot(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, start: Int, end: Int) -> Bool {
        bytes[index] == UInt8(ascii: ".") && index > start && index + 1 < end && isDigit(bytes[index - 1])
            && isDigit(bytes[index + 1])
    }
}
