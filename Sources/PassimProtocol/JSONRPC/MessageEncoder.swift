import Foundation

/// Encodes outgoing messages as compact JSON with sorted keys (stable bytes for tests and logs)
/// and unescaped slashes (`"passage/get"`, not `"passage\/get"`). Compact JSON has no raw
/// newline, so every message also fits line framing.
public struct MessageEncoder: Sendable {
    /// An encoder; it keeps no state.
    public init() {}

    /// A request to send.
    public func encode<R: RequestType>(_ request: R, id: RequestID) throws -> Data {
        try encode(RequestMessage(id: id, request: request))
    }

    /// A notification to send.
    public func encode<N: NotificationType>(_ notification: N) throws -> Data {
        try encode(NotificationMessage(notification))
    }

    /// A success response.
    public func encode<R: ResponseType>(result: R, id: RequestID) throws -> Data {
        try encode(ResponseMessage(id: id, result: result))
    }

    /// A success response as bytes: written directly when the result is ``JSONBytesWritable``
    /// (the same bytes as ``encode(result:id:)``, several times faster), else by `JSONEncoder`.
    public func encodedBytes<R: ResponseType>(result: R, id: RequestID) throws -> [UInt8] {
        guard let writable = result as? any JSONBytesWritable else {
            return Array(try encode(result: result, id: id))
        }
        var json = JSONBytes(capacity: 8_192)
        json.beginObject()
        json.key("id")
        json.value(id)
        json.key("jsonrpc")
        json.value(JSONRPCVersion.value)
        json.key("result")
        json.value(writable)
        json.endObject()
        return json.bytes
    }

    /// An error response; `id` is `nil` when the request's id could not be read.
    public func encode(error: ResponseError, id: RequestID?) throws -> Data {
        try encode(ResponseMessage<JSONValue>(id: id, error: error))
    }

    /// Any message value. Throws `EncodingError` only for non-finite numbers (NaN, infinity),
    /// which JSON cannot carry.
    public func encode(_ message: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(message)
    }
}
