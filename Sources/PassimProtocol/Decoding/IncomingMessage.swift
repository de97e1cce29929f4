/// What one framed message turned out to be, and so what the receiver must do with it.
///
/// Decoding never fails: bad input becomes `.invalid` (answer with that error) or `.ignored`
/// (nothing may be answered, e.g. a notification with bad params; log the reason).
public enum IncomingMessage: Sendable {
    /// A request of a registered method with valid params: answer it with this id.
    case request(id: RequestID, request: any RequestType)
    /// A notification of a registered method with valid params: act on it, never answer it.
    case notification(any NotificationType)
    /// A response; the result is left undecoded until the receiver knows its type.
    case response(ResponseMessage<JSONValue>)
    /// Answer with this error. `id` is the request's id when it could be read, else `nil`
    /// (JSON `null`), as JSON-RPC requires.
    case invalid(id: RequestID?, error: ResponseError)
    /// Do not answer: an unknown notification, a notification with bad params, or a malformed
    /// response. The reason is for the log.
    case ignored(reason: String)
}
