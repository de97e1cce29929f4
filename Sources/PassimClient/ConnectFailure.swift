import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns what a failed connect threw into the `ClientError` a user can act on.
enum ConnectFailure {
    static func classify(_ error: any Error, socket: String) -> ClientError {
        if let error = error as? IOError {
            return classify(errno: error.errnoCode, socket: socket)
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return .cannotConnect(socket: socket, reason: "the daemon did not accept the connection in time")
        }
        if error is SocketAddressError {
            return .cannotConnect(socket: socket, reason: "the path is too long for a Unix socket address")
        }
        return .cannotConnect(socket: socket, reason: "\(error)")
    }

    /// The `ClientError` for a `connect` that failed with `code`.
    static func classify(errno code: Int32, socket: String) -> ClientError {
        switch code {
        case ENOENT: return .notRunning(socket: socket)
        case ECONNREFUSED: return .connectionRefused(socket: socket)
        case EACCES, EPERM:
            return .cannotConnect(socket: socket, reason: "permission denied (the daemon belongs to another user?)")
        case ENOTSOCK: return .cannotConnect(socket: socket, reason: "the path is not a socket")
        case EAGAIN, ETIMEDOUT:
            return .cannotConnect(socket: socket, reason: "the daemon did not accept the connection in time")
        default: return .cannotConnect(socket: socket, reason: String(cString: strerror(code)))
        }
    }
}
