/// The result of a request: what goes in a response's `result` member.
public protocol ResponseType: Codable, Sendable, Hashable {}

/// A request: its params are the conforming type's stored properties, `method` names it on the
/// wire, and `Response` is the type of its result.
///
/// Like sourcekit-lsp's `RequestType`, each request is one Codable struct in `Requests/`.
/// Conforming types validate their params in `init(from:)`, so a decoded request is a valid one.
public protocol RequestType: Codable, Sendable, Hashable {
    associatedtype Response: ResponseType
    /// The JSON-RPC method name, e.g. `"passage/get"`.
    static var method: String { get }
    /// The time budget the client gave this request, in milliseconds from when the server read
    /// it; `nil` for no deadline or for requests that do not take one.
    var deadlineMs: Int? { get }
}

extension RequestType {
    /// Requests without a `deadlineMs` param have no deadline.
    public var deadlineMs: Int? { nil }
}

/// A notification: a message without an id that gets no reply.
public protocol NotificationType: Codable, Sendable, Hashable {
    /// The JSON-RPC method name, e.g. `"$/cancelRequest"`.
    static var method: String { get }
}

/// The `null` result of requests that answer only "done" (`shutdown`).
public struct VoidResponse: ResponseType {
    /// The one value.
    public init() {}

    /// Accepts only JSON `null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard container.decodeNil() else {
            throw DecodingError.typeMismatch(
                VoidResponse.self, .init(codingPath: decoder.codingPath, debugDescription: "expected null"))
        }
    }

    /// Encodes JSON `null` (the `result` member must be present in a success response).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encodeNil()
    }
}

/// The `{}` result of requests with nothing to report (`ping`).
public struct EmptyResponse: ResponseType {
    /// The one value.
    public init() {}
}

extension JSONValue: ResponseType {}
