/// `suggest`: completions of a word prefix from the index's terms, for search-as-you-type.
public struct SuggestRequest: RequestType {
    public static let method = "suggest"
    public typealias Response = SuggestResult

    /// The word being typed, e.g. `plate`. The server normalizes it like query words.
    public var prefix: String
    /// Maximum completions; `nil` means `RequestLimits.defaultSuggestLimit`.
    public var limit: Int?
    public var deadlineMs: Int?

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
    public var completions: [Completion]

    public init(prefix: String, completions: [Completion]) {
        self.prefix = prefix
        self.completions = completions
    }
}

/// One completion: an indexed word and how many passages contain it.
public struct Completion: Codable, Sendable, Hashable {
    public var term: String
    public var frequency: Int

    public init(term: String, frequency: Int) {
        self.term = term
        self.frequency = frequency
    }
}
