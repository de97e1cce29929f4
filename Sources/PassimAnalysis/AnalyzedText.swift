/// The result of analyzing one text: its tokens and, for CJK runs, its bigrams.
public struct AnalyzedText: Sendable, Hashable {
    /// Word, number, kana and ideographic tokens, positions 1, 2, 3, ... in text order.
    public var tokens: [Token]
    /// Overlapping two-character grams of CJK runs, with their own position sequence.
    public var bigrams: [Token]

    /// Creates an analyzed text from its tokens and bigrams.
    public init(tokens: [Token] = [], bigrams: [Token] = []) {
        self.tokens = tokens
        self.bigrams = bigrams
    }
}
