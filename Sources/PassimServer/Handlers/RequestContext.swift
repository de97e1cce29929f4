import Logging
import NIOCore
import PassimProtocol

/// What a handler gets besides its request: who asked, how to stop, and the server's parts.
struct RequestContext: Sendable {
    /// The request's id, for its response.
    let id: RequestID
    /// The asking connection's negotiated settings.
    let connection: ConnectionState
    /// The asking connection's outgoing queue, for `$/progress`.
    let outbox: Outbox
    /// Flipped by `$/cancelRequest` or the request's deadline.
    let token: CancelToken
    /// When the server read the request (latency and deadlines count from here).
    let received: NIODeadline
    let services: ServerServices
    let logger: Logger

    /// Posts a notification to the asking client in its framing.
    func notify<N: NotificationType>(_ notification: N) {
        guard let message = ResponseEncoding.notification(notification) else { return }
        outbox.post(connection.framing.frame(message))
    }
}
