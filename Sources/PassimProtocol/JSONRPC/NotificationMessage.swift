/// A notification on the wire: `{"jsonrpc": "2.0", "method": ..., "params": {...}}`, no id.
public struct NotificationMessage<Notification: NotificationType>: Codable, Sendable, Hashable {
    /// The params, typed.
    public var notification: Notification

    /// Wraps a notification for sending.
    public init(_ notification: Notification) {
        self.notification = notification
    }

    private enum CodingKeys: String, CodingKey {
        case jsonrpc, method, params
    }

    /// Decodes a notification for exactly `Notification.method`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try JSONRPCVersion.check(in: container, forKey: .jsonrpc)
        let method = try container.decode(String.self, forKey: .method)
        guard method == Notification.method else {
            throw DecodingError.dataCorruptedError(
                forKey: .method, in: container,
                debugDescription: "must be `\(Notification.method)`, found `\(method)`")
        }
        notification = try ParamsDecoding.decode(Notification.self, from: container, forKey: .params)
    }

    /// Encodes the envelope.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(JSONRPCVersion.value, forKey: .jsonrpc)
        try container.encode(Notification.method, forKey: .method)
        try container.encode(notification, forKey: .params)
    }
}
