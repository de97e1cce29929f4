/// The methods one side of a connection accepts: which request and notification types
/// `MessageDecoder` decodes params into.
public struct MessageRegistry: Sendable {
    /// Request types in the order they were given.
    public let requestTypes: [any RequestType.Type]
    /// Notification types in the order they were given.
    public let notificationTypes: [any NotificationType.Type]
    private let requestsByMethod: [String: any RequestType.Type]
    private let notificationsByMethod: [String: any NotificationType.Type]

    /// A registry of these types; method names must be unique across both lists.
    public init(requests: [any RequestType.Type], notifications: [any NotificationType.Type]) {
        requestTypes = requests
        notificationTypes = notifications
        requestsByMethod = Dictionary(requests.map { ($0.method, $0) }, uniquingKeysWith: { first, _ in first })
        notificationsByMethod = Dictionary(
            notifications.map { ($0.method, $0) }, uniquingKeysWith: { first, _ in first })
        precondition(
            requestsByMethod.count == requests.count && notificationsByMethod.count == notifications.count
                && Set(requestsByMethod.keys).isDisjoint(with: notificationsByMethod.keys),
            "method names in a MessageRegistry must be unique")
    }

    /// What the server accepts from clients.
    public static let server = MessageRegistry(
        requests: [
            InitializeRequest.self, SearchRequest.self, PassageGetRequest.self, ArticleGetRequest.self,
            SuggestRequest.self, StatsRequest.self, PingRequest.self, ShutdownRequest.self,
            IngestRequest.self,
        ],
        notifications: [CancelRequestNotification.self])

    /// What a client accepts from the server (responses are always accepted).
    public static let client = MessageRegistry(
        requests: [], notifications: [IndexDidChangeNotification.self, ProgressNotification.self])

    /// Request method names, in registration order (for `ServerCapabilities.methods`).
    public var requestMethods: [String] { requestTypes.map { $0.method } }

    /// Notification method names, in registration order.
    public var notificationMethods: [String] { notificationTypes.map { $0.method } }

    /// The request type for `method`, if registered.
    public func requestType(for method: String) -> (any RequestType.Type)? {
        requestsByMethod[method]
    }

    /// The notification type for `method`, if registered.
    public func notificationType(for method: String) -> (any NotificationType.Type)? {
        notificationsByMethod[method]
    }
}
