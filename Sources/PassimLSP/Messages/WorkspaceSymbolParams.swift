/// The params of `workspace/symbol`: the text typed so far.
public struct WorkspaceSymbolParams: Codable, Sendable, Hashable {
    public var query: String

    public init(query: String) {
        self.query = query
    }
}
