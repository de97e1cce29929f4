import NIOCore

#if os(Linux)
    import Glibc
#endif

/// Who is on the other end of a Unix socket connection, as the kernel reports it (SO_PEERCRED).
public struct PeerCredentials: Sendable, Hashable {
    // Field order and sizes are Linux's `struct ucred` { pid_t; uid_t; gid_t }, which getsockopt
    // fills in. Swift's Glibc does not export `ucred` (it needs _GNU_SOURCE), so `read` checks
    // the layout against the field types instead.
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32

    /// The credentials of the peer of the connected Unix socket `descriptor` (for a blocking
    /// client, before it sends anything); nil when the kernel cannot tell.
    public static func read(descriptor: Int32) -> PeerCredentials? {
        #if os(Linux)
            checkLayout()
            var credentials = PeerCredentials(pid: 0, uid: 0, gid: 0)
            var length = socklen_t(MemoryLayout<PeerCredentials>.size)
            let status = withUnsafeMutablePointer(to: &credentials) { pointer in
                getsockopt(descriptor, SOL_SOCKET, SO_PEERCRED, pointer, &length)
            }
            guard status == 0, length == socklen_t(MemoryLayout<PeerCredentials>.size) else { return nil }
            return credentials
        #else
            return nil
        #endif
    }

    /// The credentials of `channel`'s peer, read on its event loop (for a server, as soon as the
    /// connection is accepted, before the peer can hang up); nil when the channel is not a
    /// socket or the kernel cannot tell.
    public static func read(_ channel: any Channel) -> EventLoopFuture<PeerCredentials?> {
        #if os(Linux)
            checkLayout()
            guard let provider = channel as? any SocketOptionProvider else {
                return channel.eventLoop.makeSucceededFuture(nil)
            }
            let credentials: EventLoopFuture<PeerCredentials> = provider.unsafeGetSocketOption(
                level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
            return credentials.map { Optional($0) }.recover { _ in nil }
        #else
            // Other systems name the peer differently (LOCAL_PEERCRED); Passim runs on Linux.
            return channel.eventLoop.makeSucceededFuture(nil)
        #endif
    }

    #if os(Linux)
        private static func checkLayout() {
            precondition(
                MemoryLayout<PeerCredentials>.size
                    == MemoryLayout<pid_t>.size + MemoryLayout<uid_t>.size + MemoryLayout<gid_t>.size
                    && MemoryLayout<pid_t>.size == 4 && MemoryLayout<uid_t>.size == 4 && MemoryLayout<gid_t>.size == 4,
                "PeerCredentials must have the layout of struct ucred")
        }
    #endif
}
