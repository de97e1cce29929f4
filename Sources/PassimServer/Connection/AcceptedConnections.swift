import NIOConcurrencyHelpers
import NIOCore
import PassimSocket

/// A connection as the listener hands it over: the channel and who is on the other end.
struct AcceptedConnection: Sendable {
    var channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
    /// Nil when the kernel could not say.
    var peer: PeerCredentials?
}

/// Accepted channels not yet taken by a connection task.
///
/// A child accepted just as the listener closes can be dropped by NIO before the accept loop
/// sees it, and an `NIOAsyncChannel` dropped without finishing its writer is a fatal error.
/// Keeping a reference here until a connection task takes it means such an orphan is still
/// closed properly at shutdown (`closeOrphans`) instead of crashing the daemon.
final class AcceptedConnections: Sendable {
    private let pending = NIOLockedValueBox<[ObjectIdentifier: NIOAsyncChannel<ByteBuffer, ByteBuffer>]>([:])

    /// Called by the child initializer, on the child's event loop.
    func add(_ channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>) {
        pending.withLockedValue { $0[ObjectIdentifier(channel.channel)] = channel }
    }

    /// The connection task owns the channel from now on.
    func take(_ channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>) {
        pending.withLockedValue { _ = $0.removeValue(forKey: ObjectIdentifier(channel.channel)) }
    }

    /// Closes every channel no connection task took (call after the accept loop has ended).
    func closeOrphans() async {
        let orphans = pending.withLockedValue { pending in
            defer { pending.removeAll() }
            return Array(pending.values)
        }
        for orphan in orphans {
            try? await orphan.executeThenClose { _, _ in }
        }
    }
}
