/// A response on the wire: `{"jsonrpc": "2.0", "id": ..., "result": ...}` or `"error": {...}`.
///
/// `id` is `nil` (JSON `null`) only for errors about a message whose id could not be read.
/// A client that knows which request an id belongs to decodes `ResponseMessage<R.Response>`;
/// `MessageDecoder` yields `ResponseMessage<JSONValue>` for the others.
public struct ResponseMessage<Response: ResponseType>: Codable, Sendable, Hashable {
    /// The id of the request answered; `nil` (JSON `null`) when it could not be read.
    public var id: RequestID?
    /// The result, or the error.
    public var outcome: Result<Response, ResponseError>

    /// A response with either outcome.
    public init(id: RequestID?, outcome: Result<Response, ResponseError>) {
        self.id = id
        self.outcome = outcome
    }

    /// A success response.
    public init(id: RequestID, result: Response) {
        self.init(id: id, outcome: .success(result))
    }

    /// An error response.
    public init(id: RequestID?, error: ResponseError) {
        self.init(id: id, outcome: .failure(error))
    }

    private enum CodingKeys: String, CodingKey {
        case jsonrpc, id, result, error
    }

    /// Decodes a response; `error` wins when present, else `result` must be there.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try JSONRPCVersion.check(in: container, forKey: .jsonrpc)
        id = try container.decodeIfPresent(RequestID.self, forKey: .id)
        if container.contains(.error) {
            outcome = .failure(try container.decode(ResponseError.self, forKey: .error))
        } else if container.contains(.result) {
            outcome = .success(try container.decode(Response.self, forKey: .result))
        } else {
            throw DecodingError.keyNotFound(
                CodingKeys.result,
                .init(
                    codingPath: container.codingPath,
                    debugDescription: "a response needs `result` or `error`"))
        }
    }

    /// Encodes the envelope; `id` is written as `null` when absent, as JSON-RPC requires.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(JSONRPCVersion.value, forKey: .jsonrpc)
        try container.encode(id, forKey: .id)
        switch outcome {
        case .success(let result): try container.encode(result, forKey: .result)
        case .failure(let error): try container.encode(error, forKey: .error)
        }
    }
}
