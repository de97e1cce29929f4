/// A passage with its place in the source file, as `passage/get` and `article/get` return it.
public struct PassageRecord: Codable, Sendable, Hashable {
    /// The passage's identity and text.
    public var passage: PassageInfo
    /// Where the passage is in the article's file.
    public var location: TextRange

    /// Memberwise initializer.
    public init(passage: PassageInfo, location: TextRange) {
        self.passage = passage
        self.location = location
    }
}
