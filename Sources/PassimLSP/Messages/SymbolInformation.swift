/// One `workspace/symbol` answer: here, a ranked passage.
public struct SymbolInformation: Codable, Sendable, Hashable {
    /// What the picker lists: the passage's section heading and a snippet around its first match.
    public var name: String
    public var kind: SymbolKind
    /// Where to jump: the first matched word (the passage's start when none is marked).
    public var location: LSPLocation
    /// The article's title.
    public var containerName: String?

    public init(name: String, kind: SymbolKind, location: LSPLocation, containerName: String?) {
        self.name = name
        self.kind = kind
        self.location = location
        self.containerName = containerName
    }
}

/// LSP's symbol kinds: the numbers the protocol fixes (only those Passim sends are named).
public struct SymbolKind: RawRepresentable, Codable, Sendable, Hashable {
    public var rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// A string: the nearest of LSP's kinds to a passage of prose (there is no "text" kind).
    public static let string = SymbolKind(rawValue: 15)

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
