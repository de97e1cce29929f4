import NIOCore
import PassimProtocol

/// The channel handler of a client connection: splits the daemon's line-framed stream into
/// messages, hands each response to the request waiting for its id and each `$/progress` and
/// `index/didChange` to its listener, and fails whatever still waits when the connection ends.
final class ResponseRouter: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    /// Answers come from our own daemon, so the limit only guards against a runaway stream; a
    /// search of 1,000 long passages is far below it.
    static let maxMessageBytes = 256 << 20

    private let pending: PendingRequests
    private let socketPath: String
    private var frames = FrameDecoder(maxMessageBytes: ResponseRouter.maxMessageBytes, framing: .lines)
    private let decoder = MessageDecoder(registry: .client)

    init(pending: PendingRequests, socketPath: String) {
        self.pending = pending
        self.socketPath = socketPath
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        for event in frames.feed(buffer.readableBytesView) {
            switch event {
            case .message(let bytes):
                route(bytes)
            case .error(let error):
                pending.failAll(
                    with: .invalidResponse(method: "any request", detail: "the stream broke: \(error)"), closing: true)
                context.close(promise: nil)
                return
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        pending.failAll(with: .connectionClosed(socket: socketPath), closing: true)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        pending.failAll(with: .connectionClosed(socket: socketPath), closing: true)
        context.close(promise: nil)
    }

    private func route(_ bytes: [UInt8]) {
        switch decoder.decode(bytes) {
        case .response(let response):
            if let id = response.id {
                pending.resolve(id, with: bytes)
            } else if case .failure(let error) = response.outcome {
                // The daemon could not read a request's id: it cannot say which one failed.
                pending.failAll(with: .server(error), closing: false)
            }
        case .notification(let notification):
            if let progress = notification as? ProgressNotification {
                pending.deliver(progress)
            } else if let change = notification as? IndexDidChangeNotification {
                pending.deliver(change)
            }
        case .request, .invalid, .ignored:
            // A daemon sends no requests; anything else unreadable is not an answer we wait for.
            break
        }
    }
}
