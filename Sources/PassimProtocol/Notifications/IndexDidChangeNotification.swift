/// `index/didChange` (server to client): a new index revision was committed. Sent only to
/// clients that set `capabilities.notifications.indexDidChange` in `initialize`.
public struct IndexDidChangeNotification: NotificationType {
    public static let method = "index/didChange"

    /// The new revision; searches from now on see it.
    public var revision: Int
    /// Article ids, each list sorted.
    public var added: [String]
    /// Articles replaced by a new version.
    public var updated: [String]
    /// Articles no longer in the index.
    public var removed: [String]

    /// Memberwise initializer.
    public init(revision: Int, added: [String], updated: [String], removed: [String]) {
        self.revision = revision
        self.added = added
        self.updated = updated
        self.removed = removed
    }
}
