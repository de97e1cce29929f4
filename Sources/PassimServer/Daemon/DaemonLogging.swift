import Logging
import PassimSocket

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the daemon's logs go: standard error, or a file. Never the socket, never stdout.
public enum DaemonLogging {
    /// The terminal the daemon was started from, kept for messages the user must see even when
    /// logs go to a file (e.g. "another daemon is already serving this socket").
    public struct Console: Sendable {
        fileprivate let descriptor: Int32

        /// Writes `text` as it is.
        public func write(_ text: String) {
            let bytes = Array(text.utf8)
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                guard written > 0 else { return }
                offset += written
            }
        }
    }

    /// Installs swift-log's stream handler at `PASSIM_LOG_LEVEL` (default `info`). With
    /// `logFile`, standard error itself is pointed at the file (appending), so log lines and
    /// anything else written to stderr land there. Standard output is pointed at standard error
    /// so a stray `print` cannot end up anywhere a client reads. Returns the original terminal.
    public static func bootstrap(logFile: String?, environment: [String: String]) throws(DaemonError) -> Console {
        let console = Console(descriptor: fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 0))
        if let logFile {
            let descriptor = open(logFile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else {
                throw DaemonError(.logFile, "cannot open the log file \(logFile): \(SystemText.errno())")
            }
            dup2(descriptor, STDERR_FILENO)
            close(descriptor)
        }
        dup2(STDERR_FILENO, STDOUT_FILENO)
        let level = environment["PASSIM_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return console
    }
}
