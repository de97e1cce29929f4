import PassimAnalysis

/// The analyzer's stems of words already seen, so each distinct word goes through Xapian's
/// stemmer once: indexing and highlighting stem every word token, and a few thousand words
/// make up most of any text.
///
/// Not thread safe, like the analyzer it wraps: one per analyzer.
final class StemCache {
    let analyzer: Analyzer
    /// Words kept at most; the cache starts over when it is full, which bounds its memory.
    let capacity: Int
    private var stems: [String: String] = [:]

    init(analyzer: Analyzer, capacity: Int) {
        precondition(capacity > 0, "a stem cache needs room for one word")
        self.analyzer = analyzer
        self.capacity = capacity
    }

    /// `analyzer.stem(word)`.
    func stem(_ word: String) -> String {
        if let cached = stems[word] { return cached }
        let stemmed = analyzer.stem(word)
        if stems.count >= capacity { stems.removeAll(keepingCapacity: true) }
        stems[word] = stemmed
        return stemmed
    }
}
