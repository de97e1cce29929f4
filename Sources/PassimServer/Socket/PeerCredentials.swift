import Glibc
import NIOCore

/// Who is on the other end of a Unix socket connection, as the kernel reports it (SO_PEERCRED).
struct PeerCredentials: Sendable, Hashable {
    // Field order and sizes are Linux's `struct ucred`, which getsockopt fills in.
    var pid: Int32
    var uid: UInt32
    var gid: UInt32

    /// The credentials of `channel`'s peer, read on its event loop as soon as it is accepted
    /// (before the peer can hang up); nil when the channel is not a socket or the kernel
    /// cannot tell.
    static func read(_ channel: any Channel) -> EventLoopFuture<PeerCredentials?> {
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeSucceededFuture(nil)
        }
        let credentials: EventLoopFuture<PeerCredentials> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
        return credentials.map { Optional($0) }.recover { _ in nil }
    }
}
