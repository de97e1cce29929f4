/// Why the daemon could not start, or could not do part of its work. Each message says what to do about it.
public struct DaemonError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, independent of the wording.
    public enum Code: String, Sendable {
        /// Another daemon answers on the socket (or holds its lock).
        case alreadyRunning
        /// Something that is not a socket is in the way; it is never removed.
        case pathOccupied
        /// The socket's directory belongs to another user or is writable by others.
        case unsafeDirectory
        /// The socket path is longer than a Unix socket address holds.
        case pathTooLong
        /// Creating, binding or checking the socket failed.
        case socket
        /// The log file cannot be opened.
        case logFile
        /// The corpus roots cannot be watched (the daemon serves on without watching).
        case watch
    }

    /// What went wrong.
    public let code: Code
    /// What to tell the user, including what to do.
    public let message: String

    /// An error with this code and message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
