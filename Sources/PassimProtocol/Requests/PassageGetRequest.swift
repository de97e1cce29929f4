/// `passage/get`: one passage with its neighbours, for showing a hit in context.
public struct PassageGetRequest: RequestType {
    public static let method = "passage/get"
    public typealias Response = PassageGetResult

    /// A passage id as search returns it: `<article id>#<ordinal>`.
    public var id: String
    /// Neighbours on each side; `nil` means `RequestLimits.defaultPassageContext`.
    public var context: Int?
    /// Time budget in milliseconds; see `RequestType.deadlineMs`.
    public var deadlineMs: Int?

    /// Memberwise initializer.
    public init(id: String, context: Int? = nil, deadlineMs: Int? = nil) {
        self.id = id
        self.context = context
        self.deadlineMs = deadlineMs
    }

    /// `context` with its default applied.
    public var effectiveContext: Int { context ?? RequestLimits.defaultPassageContext }

    private enum CodingKeys: String, CodingKey {
        case id, context, deadlineMs
    }

    /// Decodes and validates the id's shape and the context range.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeNonEmptyString(.id)
        guard PassageID(id) != nil else {
            throw DecodingError.dataCorruptedError(
                forKey: .id, in: container,
                debugDescription: "must look like `<article id>#<ordinal>`, found \"\(id)\"")
        }
        context = try container.decodeInteger(.context, in: RequestLimits.passageContext)
        deadlineMs = try container.decodeInteger(.deadlineMs, in: RequestLimits.deadlineMs)
    }
}

/// The parts of a passage id, `<article id>#<ordinal>`.
public struct PassageID: Sendable, Hashable {
    /// The article part, before the last `#`.
    public var articleID: String
    /// 1-based.
    public var ordinal: Int

    /// Splits at the last `#`; `nil` unless an article id precedes a positive ordinal.
    public init?(_ id: String) {
        guard let hash = id.lastIndex(of: "#") else { return nil }
        let article = id[..<hash]
        let digits = id[id.index(after: hash)...]
        guard !article.isEmpty, !digits.isEmpty, digits.allSatisfy(\.isASCII),
            digits.allSatisfy(\.isNumber), let ordinal = Int(digits), ordinal > 0
        else { return nil }
        articleID = String(article)
        self.ordinal = ordinal
    }
}
