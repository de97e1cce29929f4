/// A request on the wire: `{"jsonrpc": "2.0", "id": ..., "method": ..., "params": {...}}`.
///
/// Clients encode this to send a request; the server decodes requests with `MessageDecoder`,
/// which also classifies bad input.
public struct RequestMessage<Request: RequestType>: Codable, Sendable, Hashable {
    /// The id the answer will carry.
    public var id: RequestID
    /// The params, typed.
    public var request: Request

    /// Wraps a request for sending.
    public init(id: RequestID, request: Request) {
        self.id = id
        self.request = request
    }

    private enum CodingKeys: String, CodingKey {
        case jsonrpc, id, method, params
    }

    /// Decodes a request for exactly `Request.method`; absent or `null` params count as `{}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try JSONRPCVersion.check(in: container, forKey: .jsonrpc)
        let method = try container.decode(String.self, forKey: .method)
        guard method == Request.method else {
            throw DecodingError.dataCorruptedError(
                forKey: .method, in: container,
                debugDescription: "must be `\(Request.method)`, found `\(method)`")
        }
        id = try container.decode(RequestID.self, forKey: .id)
        request = try ParamsDecoding.decode(Request.self, from: container, forKey: .params)
    }

    /// Encodes the envelope with `params` always present (an empty request encodes `{}`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(JSONRPCVersion.value, forKey: .jsonrpc)
        try container.encode(id, forKey: .id)
        try container.encode(Request.method, forKey: .method)
        try container.encode(request, forKey: .params)
    }
}
