import Logging
import NIOCore
import PassimProtocol

/// Acts on the messages of one connection that the event loop did not (`RequestPipeline`):
/// answers bad ones, applies notifications, and starts a task for each request, waiting for
/// room while the connection has `maxRequestsPerConnection` requests running.
struct ConnectionReader: Sendable {
    let runner: RequestRunner
    private let decoder = MessageDecoder()

    init(runner: RequestRunner) {
        self.runner = runner
    }

    private var logger: Logger { runner.logger }

    /// Reads until the peer closes its side (or shutdown stops reading), then waits for every
    /// request still running, those started on the event loop included.
    func read(_ inbound: NIOAsyncChannelInboundStream<RequestPipeline.Event>) async {
        await withTaskGroup(of: Void.self) { requests in
            do {
                for try await event in inbound {
                    await handle(event, requests: &requests)
                    runner.slots.dequeued()
                }
            } catch {
                logger.debug("reading failed", metadata: ["error": "\(error)"])
            }
        }
        await runner.slots.idle()
    }

    private func handle(_ event: RequestPipeline.Event, requests: inout TaskGroup<Void>) async {
        switch event {
        case .frame(.error(let error)):
            logger.debug("framing error", metadata: ["error": "\(error)"])
            await reply(error.responseError, id: error.requestID)
        case .frame(.message(let bytes)):
            await handle(decoder.decode(bytes), requests: &requests)
        case .decoded(let message):
            await handle(message, requests: &requests)
        }
    }

    private func handle(_ message: IncomingMessage, requests: inout TaskGroup<Void>) async {
        switch message {
        case .request(let id, let request):
            await start(request, id: id, requests: &requests)
        case .notification(let notification):
            if let cancel = notification as? CancelRequestNotification {
                let found = runner.inFlight.cancel(cancel.id)
                logger.debug("cancel request", metadata: ["id": "\(cancel.id)", "running": "\(found)"])
            } else {
                logger.debug("ignored notification", metadata: ["method": "\(type(of: notification).method)"])
            }
        case .response:
            logger.debug("ignored a response: the server sends no requests")
        case .invalid(let id, let error):
            await reply(error, id: id)
        case .ignored(let reason):
            logger.debug("ignored a message", metadata: ["reason": "\(reason)"])
        }
    }

    private func start(_ request: any RequestType, id: RequestID, requests: inout TaskGroup<Void>) async {
        await runner.slots.take()
        let started: RequestRunner.Started
        switch runner.start(request, id: id) {
        case .failure(let error):
            await reply(error, id: id)
            runner.slots.release()
            return
        case .success(let value):
            started = value
        }
        let runner = self.runner
        requests.addTask {
            let response = await started.handler.respond(request, started.context)
            await withCheckedContinuation { (written: CheckedContinuation<Void, Never>) in
                runner.finish(started, response: response) { written.resume() }
            }
            runner.slots.release()
        }
    }

    /// Answers with an error and waits until it is written, so a client sending only bad
    /// messages without reading the answers stops being read.
    private func reply(_ error: ResponseError, id: RequestID?) async {
        await withCheckedContinuation { (written: CheckedContinuation<Void, Never>) in
            runner.reply(error, id: id) { written.resume() }
        }
    }
}
