import PassimXapian

/// The stemming step's seam: turns a normalized word into its stem.
///
/// The Analyzer depends on this rather than on Xapian directly so the step stays one small,
/// replaceable type (e.g. another Snowball language later).
protocol TermStemmer {
    func stem(_ word: String) -> String
}

/// Xapian's Snowball stemmer is the production stemmer.
extension Stemmer: TermStemmer {}
