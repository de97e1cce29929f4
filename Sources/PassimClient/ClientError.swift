import PassimProtocol

/// Why a call to the daemon failed. The first three cases mean "no usable daemon here", after
/// which the CLI works in-process; the others happen on a daemon that answered the connection.
public enum ClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing exists at the socket path: no daemon was started there.
    case notRunning(socket: String)
    /// A socket file exists but nothing listens on it: a daemon died without removing it.
    case connectionRefused(socket: String)
    /// The socket cannot be used: no permission, not a socket, a path too long, ...
    case cannotConnect(socket: String, reason: String)
    /// The socket is not safe to talk to: another user could have put it there, or another
    /// user's process answers on it. Nothing was sent.
    case untrusted(socket: String, reason: String)
    /// The daemon speaks a protocol major version this client does not.
    case incompatibleProtocol(socket: String, version: ProtocolVersion)
    /// No answer in time; the request was cancelled with `$/cancelRequest`.
    case timeout(method: String, seconds: Double)
    /// The calling task was cancelled; so was the request, with `$/cancelRequest`.
    case cancelled(method: String)
    /// The daemon closed the connection before answering (it stopped or crashed).
    case connectionClosed(socket: String)
    /// The daemon sent something that is not the answer the protocol promises.
    case invalidResponse(method: String, detail: String)
    /// The daemon answered with a JSON-RPC error.
    case server(ResponseError)

    /// True when there is no daemon to talk to at all, so working without one is the right move.
    public var isDaemonUnavailable: Bool {
        switch self {
        case .notRunning, .connectionRefused, .cannotConnect, .incompatibleProtocol: return true
        case .untrusted, .timeout, .cancelled, .connectionClosed, .invalidResponse, .server: return false
        }
    }

    /// The server's error code, when the daemon answered with an error.
    public var serverCode: ErrorCode? {
        if case .server(let error) = self { return error.code }
        return nil
    }

    /// A sentence for people that says what to do.
    public var description: String {
        switch self {
        case .notRunning(let socket):
            return "no daemon is running on \(socket); start one with `passim serve`"
        case .connectionRefused(let socket):
            return "nothing answers on \(socket) (a daemon stopped without removing it); "
                + "start one with `passim serve`, which takes the socket over"
        case .cannotConnect(let socket, let reason):
            return "cannot connect to \(socket): \(reason)"
        case .untrusted(let socket, let reason):
            return "refusing the daemon socket \(socket): \(reason); someone else may be posing as your daemon. "
                + "Remove it if it is yours, choose another socket (--socket or PASSIM_SOCKET), or pass --no-daemon"
        case .incompatibleProtocol(let socket, let version):
            return "the daemon on \(socket) speaks protocol \(version), this passim speaks \(ProtocolVersion.current); "
                + "restart the daemon with this version of passim"
        case .timeout(let method, let seconds):
            return "the daemon did not answer `\(method)` within \(Self.format(seconds)) s; "
                + "check it with `passim status` or retry with --no-daemon"
        case .cancelled(let method):
            return "`\(method)` was cancelled"
        case .connectionClosed(let socket):
            return "the daemon on \(socket) closed the connection before answering; check it with `passim status`"
        case .invalidResponse(let method, let detail):
            return "the daemon's answer to `\(method)` is not valid: \(detail) (a bug in Passim: please report it)"
        case .server(let error):
            return error.message
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
