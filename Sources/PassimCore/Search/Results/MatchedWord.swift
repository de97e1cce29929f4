import PassimArticles

/// A word of a passage that the query matched.
public struct MatchedWord: Sendable, Hashable {
    /// UTF-8 byte offsets `[start, end)` into the passage's text.
    public var range: Range<Int>
    /// Where the word is in the article's file.
    public var location: SourceLocation

    /// Memberwise initializer.
    public init(range: Range<Int>, location: SourceLocation) {
        self.range = range
        self.location = location
    }
}
