import PassimProtocol

/// A response as it goes out: `result` or `error`, and the id (`null` when the request's id
/// could not be read).
public struct LSPResponse<Value: Encodable & Sendable>: Encodable, Sendable {
    public var id: RequestID?
    public var outcome: Result<Value, LSPError>

    public init(id: RequestID?, outcome: Result<Value, LSPError>) {
        self.id = id
        self.outcome = outcome
    }

    private enum CodingKeys: String, CodingKey {
        case jsonrpc, id, result, error
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("2.0", forKey: .jsonrpc)
        // Both written even when nil: JSON-RPC requires `"id": null` and LSP `"result": null`.
        try container.encode(id, forKey: .id)
        switch outcome {
        case .success(let result): try container.encode(result, forKey: .result)
        case .failure(let error): try container.encode(error, forKey: .error)
        }
    }
}

/// The `null` result (`shutdown`'s).
public struct NullResult: Encodable, Sendable {
    public init() {}

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encodeNil()
    }
}
