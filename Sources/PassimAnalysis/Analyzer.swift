import PassimXapian

/// The one analyzer for documents and queries: ICU segmentation, normalization, possessives,
/// CJK bigrams, and English stemming on request.
///
/// Steps, in order: ``WordSegmenter`` -> ``JoinedWordSplitter`` -> ``TermNormalizer`` ->
/// ``PossessiveFilter``, then ``CJKBigrammer`` over the kept tokens. No step changes a token's
/// byte offsets.
/// Not thread safe (it reuses one ICU break iterator and its buffers): use one per thread.
public final class Analyzer {
    /// Terms longer than this (in UTF-8 bytes) are dropped, like Xapian's TermGenerator drops
    /// over-long words: they are noise (encoded blobs), and Xapian rejects terms over 245 bytes
    /// including the field prefix.
    public static let maximumTermLength = 120

    private let segmenter: WordSegmenter
    private let normalizer = TermNormalizer()
    private let possessives = PossessiveFilter()
    private let bigrammer = CJKBigrammer()
    private let stemmer: any TermStemmer
    private var term: [UInt8] = []

    /// Opens ICU's word break iterator and Xapian's English stemmer.
    public init() throws(AnalysisError) {
        segmenter = try WordSegmenter()
        do {
            stemmer = try Stemmer(language: "english")
        } catch {
            throw AnalysisError(code: .stemmerUnavailable, message: error.description)
        }
    }

    /// Splits `text` into normalized tokens (with byte offsets and 1-based positions) and
    /// CJK bigrams. Empty or whitespace-only text gives no tokens.
    public func analyze(_ text: String) -> AnalyzedText {
        let tokens =
            text.utf8.withContiguousStorageIfAvailable { tokenize($0) }
            ?? Array(text.utf8).withUnsafeBufferPointer { tokenize($0) }
        guard tokens.contains(where: { $0.kind.getsBigrams }) else {
            return AnalyzedText(tokens: tokens)
        }
        let bigrams = bigrammer.bigrams(of: tokens, in: text) { source in
            normalizedTerm(of: source)
        }
        return AnalyzedText(tokens: tokens, bigrams: bigrams)
    }

    /// The English Snowball stem of a normalized word (Xapian's stemmer).
    public func stem(_ term: String) -> String {
        stemmer.stem(term)
    }

    /// The normalization tokens get, applied to `text` as one term (no segmentation):
    /// NFKC_Casefold, typographic apostrophes to `'`, possessive `'s` removed.
    public func normalize(_ text: String) -> String {
        var term = normalizedBytes(of: text.utf8)
        possessives.apply(&term)
        return String(decoding: term, as: UTF8.self)
    }

    private func tokenize(_ text: UnsafeBufferPointer<UInt8>) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(text.count / 6)
        func add(_ start: Int, _ end: Int, _ kind: TokenKind) {
            let source = UnsafeBufferPointer(rebasing: text[start..<end])
            let term = self.term(of: source)
            guard !term.isEmpty, term.utf8.count <= Self.maximumTermLength else { return }
            tokens.append(
                Token(term: term, start: start, end: end, position: tokens.count + 1, kind: kind))
        }
        segmenter.forEachWord(in: text) { start, end, kind in
            let word = UnsafeBufferPointer(rebasing: text[start..<end])
            if kind == .word || kind == .number, JoinedWordSplitter.needsSplit(word) {
                JoinedWordSplitter.forEachPart(of: text, from: start, to: end, kind: kind, add)
            } else {
                add(start, end, kind)
            }
        }
        return tokens
    }

    /// Normalizer then possessive filter, building ASCII terms straight into the String's
    /// storage: this path is the bulk of all tokens, and the analyzer's share of indexing time.
    private func term(of source: UnsafeBufferPointer<UInt8>) -> String {
        var isASCII = true
        let ascii = String(unsafeUninitializedCapacity: source.count) { storage in
            let out = UnsafeMutableBufferPointer(rebasing: storage[0..<source.count])
            guard TermNormalizer.lowercaseASCII(source, into: out) else {
                isASCII = false
                return 0
            }
            return possessives.keptCount(UnsafeBufferPointer(out))
        }
        if isASCII {
            return ascii
        }
        normalizer.normalize(source, into: &term)
        possessives.apply(&term)
        return String(decoding: term, as: UTF8.self)
    }

    private func normalizedTerm(of source: Substring.UTF8View) -> String {
        String(decoding: normalizedBytes(of: source), as: UTF8.self)
    }

    private func normalizedBytes<S: Sequence<UInt8>>(of source: S) -> [UInt8] {
        let bytes = Array(source)
        var term: [UInt8] = []
        bytes.withUnsafeBufferPointer { normalizer.normalize($0, into: &term) }
        return term
    }
}
