/// `$/cancelRequest` (client to server, as in LSP): stop working on request `id`.
///
/// The cancelled request still gets exactly one response: `requestCancelled` if the server
/// stopped it, or its normal result if it had already finished. Unknown ids are ignored.
public struct CancelRequestNotification: NotificationType {
    public static let method = "$/cancelRequest"

    /// The id of the request to cancel.
    public var id: RequestID

    /// A cancellation of request `id`.
    public init(id: RequestID) {
        self.id = id
    }
}
