/// What kind of text a token is, from ICU's word-break rule status.
public enum TokenKind: String, Sendable, Hashable, Codable {
    /// Letters (ICU status 200..<300): stemmed, spell-checked.
    case word
    /// Numbers such as `2.18.0` or `3,000.5` (status 100..<200): kept whole, never stemmed.
    case number
    /// Hiragana/katakana (status 300..<400, or a dictionary word of ICU's CJK segmenter
    /// without a Han ideograph: ICU 72 marks every such word 400).
    case kana
    /// Words of ICU's CJK dictionary segmenter that contain a Han ideograph (status 400..<500).
    case ideographic
    /// Thai, Lao, Khmer and Myanmar words (letters of ICU's dictionary segmenters for scripts
    /// written without spaces): not stemmed, and given bigrams like CJK words, so a query word
    /// matches inside a longer word (`ผิว` in `ผิวหนัง`).
    case southeastAsian
    /// An overlapping two-character gram of a CJK or Southeast Asian run, so a query can match
    /// inside a word.
    case bigram
}

/// One token of analyzed text: its normalized term and where it came from.
///
/// Offsets are UTF-8 byte offsets into the analyzed string and are never modified by
/// the normalization steps: highlights are computed from them.
public struct Token: Sendable, Hashable {
    /// The normalized term: NFKC_Casefold, typographic apostrophes mapped to `'`,
    /// a possessive `'s` removed.
    public var term: String
    /// Start of the token's source text (UTF-8 byte offset, inclusive).
    public var start: Int
    /// End of the token's source text (UTF-8 byte offset, exclusive).
    public var end: Int
    /// 1-based position among the word tokens of the text (bigrams count their own sequence).
    public var position: Int
    public var kind: TokenKind

    public init(term: String, start: Int, end: Int, position: Int, kind: TokenKind) {
        self.term = term
        self.start = start
        self.end = end
        self.position = position
        self.kind = kind
    }
}
