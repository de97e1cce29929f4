import Logging
import NIOConcurrencyHelpers
import NIOCore

/// One connection's outgoing messages, written straight to its channel from whichever thread
/// has them: the channel's event loop writes them in the order they were handed over.
///
/// Responses count as sent once written (`send`, `write`), so a client that stops reading holds
/// up only its own requests, which in turn stops the daemon reading more of them. Notifications
/// do not wait (`post`): the daemon must never block on a slow subscriber. They are dropped past
/// `maxPendingNotifications` instead of piling up in memory.
final class Outbox: Sendable {
    static let maxPendingNotifications = 1_024

    private let channel: any Channel
    private let pendingNotifications = NIOLockedValueBox(0)
    private let logger: Logger

    init(channel: any Channel, logger: Logger) {
        self.channel = channel
        self.logger = logger
    }

    /// Writes a response and returns once it has been written (or the connection is gone).
    func send(_ bytes: [UInt8]) async {
        await withCheckedContinuation { (written: CheckedContinuation<Void, Never>) in
            write(bytes) { written.resume() }
        }
    }

    /// Writes a response without waiting; `written` runs once it has been written (or the
    /// connection is gone), on the channel's event loop.
    func write(_ bytes: [UInt8], then written: @escaping @Sendable () -> Void) {
        let logger = self.logger
        channel.writeAndFlush(ByteBuffer(bytes: bytes)).whenComplete { result in
            if case .failure(let error) = result {
                logger.debug("write failed; the peer is gone", metadata: ["error": "\(error)"])
            }
            written()
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
        let pending = pendingNotifications
        channel.writeAndFlush(ByteBuffer(bytes: bytes)).whenComplete { _ in
            pending.withLockedValue { $0 -= 1 }
        }
    }
}
