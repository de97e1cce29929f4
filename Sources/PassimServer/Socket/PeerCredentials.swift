import Glibc
import NIOCore

/// Who is on the other end of a Unix socket connection, as the kernel reports it (SO_PEERCRED).
struct PeerCredentials: Sendable, Hashable {
    // Field order and sizes are Linux's `struct ucred`, which getsockopt fills in.
    var pid: Int32
    var uid: UInt32
    var gid: UInt32

    /// The credentials of `channel`'s peer; fails when the channel is not a socket or the
    /// kernel cannot tell.
    static func of(_ channel: any Channel) async throws -> PeerCredentials {
        guard let provider = channel as? any SocketOptionProvider else {
            throw PeerCredentialsError.unsupported
        }
        let credentials: PeerCredentials = try await provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED)
        ).get()
        return credentials
    }
}

/// The channel cannot report its peer.
enum PeerCredentialsError: Error {
    case unsupported
}
