import Foundation
import Logging

/// Sends logs to standard error (never standard output, which carries results), at the level
/// given by `PASSIM_LOG_LEVEL` (default `warning` for commands, `info` for the daemon).
enum CLILogging {
    private static let once: Void = {
        let environment = ProcessInfo.processInfo.environment
        let level = environment["PASSIM_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }()

    /// Installs the handler; safe to call more than once.
    static func bootstrap() {
        _ = once
    }
}
