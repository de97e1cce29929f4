import Glibc
import Logging

/// Where the daemon's logs go: standard error, or a file. Never the socket, never stdout.
public enum DaemonLogging {
    /// Installs swift-log's stream handler at `PASSIM_LOG_LEVEL` (default `info`). With
    /// `logFile`, standard error itself is pointed at the file (appending), so log lines and
    /// anything else written to stderr land there. Standard output is pointed at standard error
    /// so a stray `print` cannot end up anywhere a client reads.
    public static func bootstrap(logFile: String?, environment: [String: String]) throws(DaemonError) {
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
    }
}
