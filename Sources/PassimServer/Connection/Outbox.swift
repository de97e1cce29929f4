import Logging
import NIOConcurrencyHelpers
import NIOCore

/// The ordered queue of one connection's outgoing messages, drained by a single writer task.
///
/// Responses wait until they are written (`send`), so a client that stops reading holds up only
/// its own requests, which in turn stops the daemon reading more of them. Notifications do not
/// wait (`post`): the daemon must never block on a slow subscriber. They are dropped past
/// `maxPendingNotifications` instead of piling up in memory.
final class Outbox: Sendable {
    struct Item: Sendable {
        var bytes: [UInt8]
        var written: CheckedContinuation<Void, Never>?
        var isNotification: Bool
    }

    static let maxPendingNotifications = 1_024

    let items: AsyncStream<Item>
    private let continuation: AsyncStream<Item>.Continuation
    private let pendingNotifications = NIOLockedValueBox(0)
    private let logger: Logger

    init(logger: Logger) {
        (items, continuation) = AsyncStream.makeStream(of: Item.self)
        self.logger = logger
    }

    /// Queues a response and returns once it has been written (or the connection is gone).
    func send(_ bytes: [UInt8]) async {
        await withCheckedContinuation { (written: CheckedContinuation<Void, Never>) in
            let result = continuation.yield(Item(bytes: bytes, written: written, isNotification: false))
            if case .terminated = result { written.resume() }
        }
    }

    /// Queues a notification without waiting; drops it when too many are already queued.
    func post(_ bytes: [UInt8]) {
        let admitted = pendingNotifications.withLockedValue { pending in
            guard pending < Self.maxPendingNotifications else { return false }
            pending += 1
            return true
        }
        guard admitted else {
            logger.warning("dropping a notification: the client is not reading")
            return
        }
        if case .terminated = continuation.yield(Item(bytes: bytes, written: nil, isNotification: true)) {
            pendingNotifications.withLockedValue { $0 -= 1 }
        }
    }

    /// No more messages; the writer ends after the queued ones.
    func finish() {
        continuation.finish()
    }

    /// Writes every queued message in order until `finish`; after a write error the rest are
    /// discarded (the peer is gone) but every waiting sender is still released.
    func drain(into writer: NIOAsyncChannelOutboundWriter<ByteBuffer>) async {
        var broken = false
        for await item in items {
            if item.isNotification { pendingNotifications.withLockedValue { $0 -= 1 } }
            if !broken {
                do {
                    try await writer.write(ByteBuffer(bytes: item.bytes))
                } catch {
                    broken = true
                    logger.debug("write failed; the peer is gone", metadata: ["error": "\(error)"])
                }
            }
            item.written?.resume()
        }
    }
}
