/// `$/progress` (server to client, as in LSP): progress of a long request that carried a
/// `workDoneToken`. One `begin`, any number of `report`s, one `end`, all before its response.
public struct ProgressNotification: NotificationType {
    public static let method = "$/progress"

    /// The request's `workDoneToken`.
    public var token: ProgressToken
    /// The step being reported.
    public var value: ProgressValue

    /// Memberwise initializer.
    public init(token: ProgressToken, value: ProgressValue) {
        self.token = token
        self.value = value
    }
}

/// One step of progress.
public struct ProgressValue: Codable, Sendable, Hashable {
    /// Where in the work this step is.
    public enum Kind: String, Codable, Sendable, Hashable {
        case begin, report, end
    }

    /// Which step this is.
    public var kind: Kind
    /// A short title for the whole operation (on `begin`), e.g. "Ingesting".
    public var title: String?
    /// What is happening now, e.g. the file being read.
    public var message: String?
    /// Units finished so far (files, for ingest).
    public var done: Int?
    /// Units in all, when known.
    public var total: Int?

    /// Memberwise initializer.
    public init(kind: Kind, title: String? = nil, message: String? = nil, done: Int? = nil, total: Int? = nil) {
        self.kind = kind
        self.title = title
        self.message = message
        self.done = done
        self.total = total
    }
}
