import PassimQuery

/// One part of a hit's score: an item of the query and the weight Xapian gave it in the
/// passage. A hit's parts add up to its score.
public struct ScorePart: Sendable, Hashable {
    /// What the item is: a word, a phrase, a words-together bonus...
    public var kind: ScoreItem.Kind
    /// The item as the query says it.
    public var text: String
    /// Its weight in this passage (0 when the passage does not hold it).
    public var weight: Double
    /// Synonyms searched with it (an acronym and its long form).
    public var synonyms: [String]
    /// For a single word: how often the passage holds it in each field.
    public var occurrences: FieldOccurrences?

    /// Memberwise initializer.
    public init(
        kind: ScoreItem.Kind, text: String, weight: Double, synonyms: [String] = [],
        occurrences: FieldOccurrences? = nil
    ) {
        self.kind = kind
        self.text = text
        self.weight = weight
        self.synonyms = synonyms
        self.occurrences = occurrences
    }
}

/// How often a word occurs in a passage's text, its section heading and its article's title.
///
/// The word's one ranking term counts a title occurrence three times and a heading occurrence
/// twice (`Schema.Field.bodyRankingWeight`), so these say where its weight comes from.
public struct FieldOccurrences: Sendable, Hashable {
    public var text: Int
    public var heading: Int
    public var title: Int

    /// Memberwise initializer.
    public init(text: Int, heading: Int, title: Int) {
        self.text = text
        self.heading = heading
        self.title = title
    }
}
