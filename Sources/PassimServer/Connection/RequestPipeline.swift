import NIOCore
import PassimProtocol

/// The first reader of a connection's bytes, on its event loop: splits them into messages and
/// starts a request whose handler needs no task (`DirectMethodHandler`: `search`,
/// `initialize`, `ping`) right there, so its answer is written from the thread that finished
/// it; everything else goes on, in order, to the connection's reader task (`ConnectionReader`).
///
/// A search thus passes event loop → searcher thread → event loop, instead of also through the
/// reader task, a request task and back, each a thread that must be woken. A request goes to
/// the reader instead whenever the reader still has messages to act on (order is kept), the
/// connection has as many requests running as it may (the reader then waits, and stops
/// reading), or the server is shutting down.
final class RequestPipeline: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = Event

    /// What the reader task gets: a message as framed, or one decoded here already.
    enum Event: Sendable {
        case frame(FrameDecoder.Event)
        case decoded(IncomingMessage)
    }

    /// Larger messages are left for the reader to decode (an ingest of inline text can be
    /// megabytes): decoding them here would hold up every connection on this event loop.
    static let largestDecodedHere = 16 << 10

    private let runner: RequestRunner
    private let decoder = MessageDecoder()
    private var frames: FrameDecoder
    /// False for a connection refused (another user, too many connections): what it sends is
    /// read and dropped (a socket closed with unread bytes would reset the peer, who is owed
    /// the refusal's message), and its task closes it.
    private let serving: Bool
    private var finished = false

    init(runner: RequestRunner, serving: Bool) {
        self.runner = runner
        self.serving = serving
        self.frames = FrameDecoder(maxMessageBytes: runner.services.configuration.maxMessageBytes)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard serving else { return }
        receive(unwrapInboundIn(data), context: context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if serving, let event = event as? ChannelEvent, event == .inputClosed { finish(context: context) }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if serving { finish(context: context) }
        context.fireChannelInactive()
    }

    private func receive(_ buffer: ByteBuffer, context: ChannelHandlerContext) {
        let events = frames.feed(buffer.readableBytesView)
        if let framing = frames.framing { runner.state.framing = framing }
        for event in events { dispatch(event, context: context) }
    }

    /// The end of the input: a message cut off by it is an error the reader answers.
    private func finish(context: ChannelHandlerContext) {
        guard !finished else { return }
        finished = true
        for event in frames.finish() { pass(.frame(event), context: context) }
    }

    private func dispatch(_ event: FrameDecoder.Event, context: ChannelHandlerContext) {
        guard case .message(let bytes) = event, bytes.count <= Self.largestDecodedHere, runner.slots.backlogIsEmpty
        else {
            pass(.frame(event), context: context)
            return
        }
        let message = decoder.decode(bytes)
        guard case .request(let id, let request) = message,
            let start = runner.services.handlers.handler(for: type(of: request).method)?.start,
            !runner.services.connections.isShuttingDown, runner.slots.takeAtOnce()
        else {
            pass(.decoded(message), context: context)
            return
        }
        let runner = self.runner
        switch runner.start(request, id: id) {
        case .failure(let error):
            runner.reply(error, id: id) { runner.slots.release() }
        case .success(let started):
            start(request, started.context) { response in
                runner.finish(started, response: response) { runner.slots.release() }
            }
        }
    }

    private func pass(_ event: Event, context: ChannelHandlerContext) {
        runner.slots.queued()
        context.fireChannelRead(wrapInboundOut(event))
    }
}
