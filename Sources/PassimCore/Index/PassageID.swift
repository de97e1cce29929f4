/// A passage's public id, `<article id>#<ordinal>`.
public struct PassageID: Sendable, Hashable, CustomStringConvertible {
    public var article: String
    public var ordinal: Int

    public init(article: String, ordinal: Int) {
        self.article = article
        self.ordinal = ordinal
    }

    /// Parses `<article id>#<ordinal>`; nil when the text is not of that form.
    public init?(_ text: String) {
        guard let hash = text.lastIndex(of: "#"), let ordinal = Int(text[text.index(after: hash)...]),
            ordinal >= 1, hash != text.startIndex
        else { return nil }
        self.article = String(text[..<hash])
        self.ordinal = ordinal
    }

    public var description: String { "\(article)#\(ordinal)" }
}
