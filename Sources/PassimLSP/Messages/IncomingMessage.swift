import Foundation
import PassimProtocol

/// One message from the client, classified by its shape as JSON-RPC 2.0 says.
public enum LSPIncoming: Sendable, Hashable {
    /// A request: it must be answered.
    case request(id: RequestID, method: String, params: JSONValue?)
    /// A notification: never answered.
    case notification(method: String, params: JSONValue?)
    /// A response to a request of ours (the server sends none, so it is dropped).
    case response
    /// Not a usable message: answered with `error` and `id` (`nil` is `null`).
    case invalid(LSPError, id: RequestID?)

    /// Reads one message body.
    public init(_ body: [UInt8]) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body)) else {
            self = .invalid(.parseError("the message is not JSON"), id: nil)
            return
        }
        guard case .object(let members) = value else {
            self = .invalid(.invalidRequest("a message is one JSON object (batches are not supported)"), id: nil)
            return
        }
        var id: RequestID? = nil
        if let raw = members["id"] {
            switch raw {
            case .int(let number): id = .number(number)
            case .string(let string): id = .string(string)
            default:
                self = .invalid(.invalidRequest("a request's id is an integer or a string"), id: nil)
                return
            }
        }
        guard members["jsonrpc"] == .string("2.0") else {
            self = .invalid(.invalidRequest("\"jsonrpc\": \"2.0\" is required"), id: id)
            return
        }
        guard let rawMethod = members["method"] else {
            if id != nil, members["result"] != nil || members["error"] != nil {
                self = .response
            } else {
                self = .invalid(.invalidRequest("a message needs a method"), id: id)
            }
            return
        }
        guard case .string(let method) = rawMethod else {
            self = .invalid(.invalidRequest("a method is a string"), id: id)
            return
        }
        let params = members["params"].flatMap { $0 == .null ? nil : $0 }
        if let id {
            self = .request(id: id, method: method, params: params)
        } else {
            self = .notification(method: method, params: params)
        }
    }

    /// `params` decoded as `Params`; `nil` params decode as an empty object, so a method whose
    /// params are all optional accepts none.
    public static func decode<Params: Decodable>(_ params: JSONValue?, as type: Params.Type) throws(LSPError)
        -> Params
    {
        do {
            let data = try JSONEncoder().encode(params ?? .object([:]))
            return try JSONDecoder().decode(Params.self, from: data)
        } catch {
            throw .invalidParams("the params do not fit: \(Self.describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        switch decoding {
        case .keyNotFound(let key, _): return "\"\(key.stringValue)\" is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\"\(path)\": \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
