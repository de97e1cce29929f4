/// English stop words: the list Xapian's Omega gives its QueryParser.
///
/// Bare query words that are stop words do not count in the ranked OR; they still count
/// inside phrases. Terms are compared after normalization (lower case, `'` apostrophes).
public enum StopWords {
    /// Omega's `MyStopper` list (xapian-applications/omega/query.cc), word for word:
    /// short, so that content words such as `not`, `all`, `more` stay searchable.
    public static let english: Set<String> = [
        "a", "about", "an", "and", "are", "as", "at",
        "be", "by",
        "en",
        "for", "from",
        "how",
        "i", "in", "is", "it",
        "of", "on", "or",
        "that", "the", "this", "to",
        "was", "what", "when", "where", "which", "who", "why", "will", "with",
        "you", "your",
    ]

    /// Whether a normalized term is an English stop word.
    public static func contains(_ term: String) -> Bool {
        english.contains(term)
    }
}
