import Foundation

/// Turns the bytes of one framed message into an `IncomingMessage`, checking the JSON-RPC 2.0
/// envelope strictly and decoding params into the registered request or notification type.
///
/// Rules (PROTOCOL.md, "Messages"): the message is one JSON object (batches are refused);
/// `jsonrpc` is `"2.0"`; an id is an integer or a string; `params` is an object, absent or `null`;
/// unknown members are ignored. Every error that can be answered keeps the request's id when
/// the id could be read, so invalid params on a known method are answered with that id.
public struct MessageDecoder: Sendable {
    /// The methods this decoder accepts.
    public let registry: MessageRegistry

    /// A decoder for the messages `registry` lists (by default, what the server accepts).
    public init(registry: MessageRegistry = .server) {
        self.registry = registry
    }

    /// Classifies one message.
    public func decode(_ bytes: some Collection<UInt8>) -> IncomingMessage {
        guard !bytes.isEmpty else {
            return .invalid(id: nil, error: .parseError("the message is empty"))
        }
        // Checked up front: Foundation checks strings only when it decodes them, which would
        // make a bad byte in a param look like a wrong type.
        guard String(validating: bytes, as: UTF8.self) != nil else {
            return .invalid(id: nil, error: .parseError("the message is not valid UTF-8"))
        }
        if let problem = StrictJSON.problem(in: bytes) {
            return .invalid(id: nil, error: .parseError("the message is not valid JSON: \(problem)"))
        }
        let decoder = JSONDecoder()
        decoder.userInfo[MessageClassifier.registryKey] = registry
        do {
            return try decoder.decode(MessageClassifier.self, from: Data(bytes)).message
        } catch {
            // The classifier never throws and the syntax was checked: only Foundation's own
            // limits (such as its nesting depth) end here.
            return .invalid(id: nil, error: .parseError("the message is not valid JSON (\(bytes.count) bytes)"))
        }
    }
}

/// Does the classification inside `Decodable` so params decode straight from the parsed
/// message, without a second parse (sourcekit-lsp's `JSONRPCMessage` does the same).
private struct MessageClassifier: Decodable {
    static let registryKey: CodingUserInfoKey = {
        guard let key = CodingUserInfoKey(rawValue: "passim.messageRegistry") else {
            preconditionFailure("a valid CodingUserInfoKey")
        }
        return key
    }()

    let message: IncomingMessage

    init(from decoder: any Decoder) throws {
        guard let registry = decoder.userInfo[Self.registryKey] as? MessageRegistry else {
            preconditionFailure("MessageClassifier is only decoded by MessageDecoder")
        }
        message = Self.classify(decoder, registry: registry)
    }

    private enum Key: String, CodingKey {
        case jsonrpc, id, method, params, result, error
    }

    /// What the `id` member holds.
    private enum IDState {
        case absent, null
        case valid(RequestID)
        case invalid(JSONKind)
    }

    private static func classify(_ decoder: any Decoder, registry: MessageRegistry) -> IncomingMessage {
        guard let envelope = try? decoder.container(keyedBy: Key.self) else {
            let kind = JSONKind.of(decoder)
            let reason =
                kind == .array
                ? "batches (JSON arrays) are not supported; send one message at a time"
                : "a message must be a JSON object, found \(kind.phrase)"
            return .invalid(id: nil, error: .invalidRequest(reason))
        }
        let idState = readID(envelope)
        var replyID: RequestID? = nil
        if case .valid(let id) = idState { replyID = id }

        if let problem = envelopeProblem(envelope, idState: idState) {
            return .invalid(id: replyID, error: .invalidRequest(problem))
        }
        guard envelope.contains(.method) else {
            if envelope.contains(.result) || envelope.contains(.error) {
                return classifyResponse(decoder, idState: idState)
            }
            return .invalid(id: replyID, error: .invalidRequest("missing `method`"))
        }
        guard let method = try? envelope.decode(String.self, forKey: .method) else {
            let kind = JSONKind.of(Key.method, in: envelope)
            return .invalid(
                id: replyID, error: .invalidRequest("`method` must be a string, found \(kind.phrase)"))
        }
        if let id = replyID {
            return classifyRequest(method, id: id, envelope, registry: registry)
        }
        return classifyNotification(method, envelope, registry: registry)
    }

    private static func readID(_ envelope: KeyedDecodingContainer<Key>) -> IDState {
        guard envelope.contains(.id) else { return .absent }
        if let id = try? envelope.decode(RequestID.self, forKey: .id) { return .valid(id) }
        let kind = JSONKind.of(Key.id, in: envelope)
        return kind == .null ? .null : .invalid(kind)
    }

    /// The first rule of the envelope the message breaks, if any.
    private static func envelopeProblem(_ envelope: KeyedDecodingContainer<Key>, idState: IDState) -> String? {
        switch JSONKind.of(Key.jsonrpc, in: envelope) {
        case .missing:
            return "missing `jsonrpc`; every message needs \"jsonrpc\": \"2.0\""
        case .string:
            if let version = try? envelope.decode(String.self, forKey: .jsonrpc), version != JSONRPCVersion.value {
                return "`jsonrpc` must be \"2.0\", found \"\(version)\""
            }
        case let other:
            return "`jsonrpc` must be the string \"2.0\", found \(other.phrase)"
        }
        switch idState {
        case .invalid(.number):
            return "`id` must be an integer or a string, found a number that is not an integer (or is too large)"
        case .invalid(let kind):
            return "`id` must be an integer or a string, found \(kind.phrase)"
        case .null where envelope.contains(.method):
            return "`id` must not be null; use an integer or a string (leave it out for a notification)"
        default:
            return nil
        }
    }

    private static func classifyRequest(
        _ method: String, id: RequestID, _ envelope: KeyedDecodingContainer<Key>, registry: MessageRegistry
    ) -> IncomingMessage {
        if let type = registry.requestType(for: method) {
            do {
                return .request(id: id, request: try decodeParams(type, envelope))
            } catch {
                return .invalid(id: id, error: .invalidParams(method: method, ParamsDecoding.describe(error)))
            }
        }
        if registry.notificationType(for: method) != nil {
            return .invalid(
                id: id,
                error: .invalidRequest("`\(method)` is a notification: send it without an `id`"))
        }
        return .invalid(id: id, error: .methodNotFound(method))
    }

    private static func classifyNotification(
        _ method: String, _ envelope: KeyedDecodingContainer<Key>, registry: MessageRegistry
    ) -> IncomingMessage {
        if let type = registry.notificationType(for: method) {
            do {
                return .notification(try decodeParams(type, envelope))
            } catch {
                return .ignored(
                    reason: "invalid params for notification `\(method)`: \(ParamsDecoding.describe(error))")
            }
        }
        if registry.requestType(for: method) != nil {
            // Strictly a notification, which gets no answer; but a request method without an id
            // is a client's mistake that silence would hide.
            return .invalid(
                id: nil,
                error: .invalidRequest("`\(method)` is a request: give it an `id` so its answer can be matched"))
        }
        return .ignored(reason: "unknown notification `\(method)`")
    }

    // Generic over the concrete type so the result keeps its protocol (opening an existential
    // metatype straight into `ParamsDecoding.decode` would erase it to `any Decodable`).
    private static func decodeParams<R: RequestType>(
        _ type: R.Type, _ envelope: KeyedDecodingContainer<Key>
    ) throws -> any RequestType {
        try ParamsDecoding.decode(R.self, from: envelope, forKey: .params)
    }

    private static func decodeParams<N: NotificationType>(
        _ type: N.Type, _ envelope: KeyedDecodingContainer<Key>
    ) throws -> any NotificationType {
        try ParamsDecoding.decode(N.self, from: envelope, forKey: .params)
    }

    private static func classifyResponse(_ decoder: any Decoder, idState: IDState) -> IncomingMessage {
        if case .absent = idState {
            return .ignored(reason: "a response without `id`")
        }
        do {
            return .response(try ResponseMessage<JSONValue>(from: decoder))
        } catch {
            return .ignored(reason: "malformed response: \(ParamsDecoding.describe(error))")
        }
    }
}
