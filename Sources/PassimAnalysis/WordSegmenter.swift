import CICU

/// Pipeline step 1: ICU UAX #29 word segmentation, keeping only word-like segments.
///
/// ICU's rule status says what a segment is: 0 for spaces and punctuation (dropped),
/// 100s numbers, 200s letters, 300s kana, 400s ideographs. ICU's dictionaries split
/// Chinese, Japanese and Thai, which have no spaces between words.
final class WordSegmenter {
    private let breaker: ICUBreaker

    init() throws(AnalysisError) {
        breaker = try ICUBreaker(kind: CICU_BREAK_WORD, locale: "en")
    }

    /// Calls `body(start, end, kind)` for each word-like segment of `text`, in order.
    func forEachWord(in text: UnsafeBufferPointer<UInt8>, _ body: (Int, Int, TokenKind) -> Void) {
        breaker.withSegments(of: text) { segments in
            for segment in segments {
                guard var kind = TokenKind(ruleStatus: segment.status) else { continue }
                let start = Int(segment.start)
                let end = Int(segment.end)
                if kind == .ideographic,
                    !Self.containsHan(UnsafeBufferPointer(rebasing: text[start..<end]))
                {
                    kind = .kana
                } else if kind == .word, Self.isSoutheastAsian(UnsafeBufferPointer(rebasing: text[start..<end])) {
                    kind = .southeastAsian
                }
                body(start, end, kind)
            }
        }
    }

    /// Whether UTF-8 `bytes` are all Thai, Lao, Myanmar or Khmer: scripts ICU segments by
    /// dictionary, whose words it reports as letters (status 200s). A word that mixes in
    /// another script stays a word.
    private static func isSoutheastAsian(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Every character of these blocks is three bytes, lead byte E0 or E1: skip ASCII words cheaply.
        guard let lead = bytes.first, lead == 0xE0 || lead == 0xE1 else { return false }
        return !containsScalar(in: bytes) { scalar in
            switch scalar.value {
            case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF, 0xAA60...0xAA7F, 0xA9E0...0xA9FF: false
            default: true
            }
        }
    }

    /// Whether UTF-8 `bytes` contain a Han ideograph.
    ///
    /// ICU 72 gives every word its CJK dictionary cuts status 400 (ideographic), kana-only
    /// words (`ラーメン`, `した`) included; this tells the two apart.
    private static func containsHan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        containsScalar(in: bytes) { $0.properties.isIdeographic }
    }

    /// Whether a scalar of UTF-8 `bytes` satisfies `predicate`, decoding only up to the first
    /// that does.
    private static func containsScalar(
        in bytes: UnsafeBufferPointer<UInt8>, where predicate: (Unicode.Scalar) -> Bool
    ) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            if predicate(scalar) { return true }
        }
        return false
    }
}

extension TokenKind {
    /// The kind of an ICU word segment, or nil for segments that are not words.
    init?(ruleStatus status: Int32) {
        switch status {
        case ..<100: return nil
        case 100..<200: self = .number
        case 200..<300: self = .word
        case 300..<400: self = .kana
        default: self = .ideographic
        }
    }
}
