/// `suggest`: completions of a word prefix from the index's terms, for search-as-you-type.
public struct SuggestRequest: RequestType {
    public static let method = "suggest"
    public typealias Response = SuggestResult

    /// The word being typed, e.g. `plate`. The server normalizes it like query words.
    public var prefix: String
    /// Maximum completions; `nil` means `RequestLimits.defaultSuggestLimit`.
    public var limit: Int?
    /// Time budget in milliseconds; see `RequestType.deadlineMs`.
    public var deadlineMs: Int?

    /// Memberwise initializer.
    public init(prefix: String, limit: Int? = nil, deadlineMs: Int? = nil) {
        self.prefix = prefix
        self.limit = limit
        self.deadlineMs = deadlineMs
    }

    /// `limit` with its default applied.
    public var effectiveLimit: Int { limit ?? RequestLimits.defaultSuggestLimit }

    private enum CodingKeys: String, CodingKey {
        case prefix, limit, deadlineMs
    }

    /// Decodes and validates: a non-empty prefix, numbers in range.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        prefix = try container.decodeNonEmptyString(.prefix)
        limit = try container.decodeInteger(.limit, in: RequestLimits.suggestLimit)
        deadlineMs = try container.decodeInteger(.deadlineMs, in: RequestLimits.deadlineMs)
    }
}

/// The answer to `suggest`: most frequent completions first.
public struct SuggestResult: ResponseType {
    /// The prefix as the client sent it.
    public var prefix: String
    /// Completions, most frequent first.
    public var completions: [Completion]

    /// Memberwise initializer.
    public init(prefix: String, completions: [Completion]) {
        self.prefix = prefix
        self.completions = completions
    }
}

/// One completion: an indexed word and how many passages contain it.
public struct Completion: Codable, Sendable, Hashable {
    /// The indexed word.
    public var term: String
    /// How many passages contain it.
    public var frequency: Int

    /// Memberwise initializer.
    public init(term: String, frequency: Int) {
        self.term = term
        self.frequency = frequency
    }
}
