import NIOConcurrencyHelpers
import NIOCore
import PassimSocket

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A connection's channel: the reader task gets what its `RequestPipeline` leaves to it.
typealias ConnectionChannel = NIOAsyncChannel<RequestPipeline.Event, ByteBuffer>

/// A connection as the listener hands it over: the channel, who is on the other end, and what
/// runs its requests.
struct AcceptedConnection: Sendable {
    var channel: ConnectionChannel
    /// Nil when the kernel could not say.
    var peer: PeerCredentials?
    var runner: RequestRunner
    /// Whether the connection is served, decided on accepting it.
    var admission: Admission

    /// Whether a connection is served.
    enum Admission: Sendable {
        /// Its peer is this user: served (the caller releases its place when it ends).
        case admitted
        /// Its peer is another user, or cannot be identified (`SO_PEERCRED`).
        case untrusted
        /// As many connections are open as the descriptor budget allows.
        case refused(limit: Int)

        /// Only the daemon's own user may talk to it, whatever the socket's mode, and only
        /// while the connection limit leaves room.
        init(peer: PeerCredentials?, connections: ConnectionRegistry) {
            guard let peer, peer.uid == getuid() else {
                self = .untrusted
                return
            }
            let admission = connections.admit()
            self = admission.admitted ? .admitted : .refused(limit: admission.limit)
        }
    }
}

/// Accepted channels not yet taken by a connection task.
///
/// A child accepted just as the listener closes can be dropped by NIO before the accept loop
/// sees it (its place among admitted connections is not given back: the daemon is stopping), and an `NIOAsyncChannel` dropped without finishing its writer is a fatal error.
/// Keeping a reference here until a connection task takes it means such an orphan is still
/// closed properly at shutdown (`closeOrphans`) instead of crashing the daemon.
final class AcceptedConnections: Sendable {
    private let pending = NIOLockedValueBox<[ObjectIdentifier: ConnectionChannel]>([:])

    /// Called by the child initializer, on the child's event loop.
    func add(_ channel: ConnectionChannel) {
        pending.withLockedValue { $0[ObjectIdentifier(channel.channel)] = channel }
    }

    /// The connection task owns the channel from now on.
    func take(_ channel: ConnectionChannel) {
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
