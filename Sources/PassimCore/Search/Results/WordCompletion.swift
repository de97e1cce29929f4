/// An indexed word that completes a prefix, with how many passages contain it.
public struct WordCompletion: Sendable, Hashable {
    /// The indexed word.
    public var word: String
    /// How many passages contain it.
    public var frequency: Int

    /// Memberwise initializer.
    public init(word: String, frequency: Int) {
        self.word = word
        self.frequency = frequency
    }
}
