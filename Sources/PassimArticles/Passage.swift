/// The structural kind of a passage.
public enum PassageKind: String, Sendable, Hashable, Codable {
    case paragraph
    /// A bullet or numbered list together with the sentence that introduces it.
    case list
    /// A `|` table, as one passage.
    case table
    /// A block of code from a Markdown or HTML article, as one passage.
    case code
}

/// A searchable unit of an article: a paragraph, a list with its lead-in, or a table.
public struct Passage: Sendable, Hashable, Codable {
    /// 1-based position of the passage in its article.
    public var ordinal: Int
    /// The heading the passage sits under, if any.
    public var section: String?
    /// The passage text: exactly the source file's bytes in `location`'s byte range, unless
    /// `map` says where each part of it comes from (a Markdown or HTML article's clean text).
    public var text: String
    public var location: SourceLocation
    public var kind: PassageKind
    /// For text that is not the file's bytes verbatim, where its parts are in the file.
    public var map: SourceMap?

    public init(
        ordinal: Int, section: String?, text: String, location: SourceLocation, kind: PassageKind,
        map: SourceMap? = nil
    ) {
        self.ordinal = ordinal
        self.section = section
        self.text = text
        self.location = location
        self.kind = kind
        self.map = map
    }
}
