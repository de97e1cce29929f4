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
        guard PassageIDSyntax.isValid(id) else {
            throw DecodingError.dataCorruptedError(
                forKey: .id, in: container,
                debugDescription: "must look like `<article id>#<ordinal>`, found \"\(id)\"")
        }
        context = try container.decodeInteger(.context, in: RequestLimits.passageContext)
        deadlineMs = try container.decodeInteger(.deadlineMs, in: RequestLimits.deadlineMs)
    }
}

/// The shape of a passage id, `<article id>#<ordinal>`, checked when a request is decoded.
/// (PassimCore's `PassageID` parses it; this module only refuses what cannot be one.)
enum PassageIDSyntax {
    /// True when an article id precedes the last `#` and a positive decimal ordinal follows it.
    static func isValid(_ id: String) -> Bool {
        guard let hash = id.lastIndex(of: "#"), hash != id.startIndex else { return false }
        let digits = id[id.index(after: hash)...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let ordinal = Int(digits) else {
            return false
        }
        return ordinal > 0
    }
}
