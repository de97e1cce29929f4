import ArgumentParser
import Logging
import PassimClient
import PassimCore

/// `--socket` and `--no-daemon`, for commands that hand their work to a running daemon when one
/// serves their index, and work in-process otherwise.
struct DaemonOptions: ParsableArguments {
    @OptionGroup var socketOption: SocketOption

    @Flag(name: .customLong("no-daemon"), help: "Work in-process even when a daemon serves the index.")
    var noDaemon = false

    /// The index the daemon at the socket serves, unless `--no-daemon`: where a reading command
    /// that found no index of its own searches.
    func servedIndex() async -> String? {
        guard !noDaemon else { return nil }
        return await socketOption.locator.servedIndex()
    }

    /// An initialized connection to a daemon serving `layout` (the caller closes it), or nil to
    /// work in-process; why a daemon is not used is logged at `info` (PASSIM_LOG_LEVEL=info).
    /// A socket that may belong to someone else is an error, not a reason to work in-process
    /// quietly: the user must learn that someone may be posing as their daemon.
    func daemon(serving layout: IndexLayout) async throws -> DaemonClient? {
        guard !noDaemon else { return nil }
        let logger = Logger(label: "passim.client")
        let locator = socketOption.locator
        switch await locator.lookup(servingIndex: layout.directory) {
        case .serving(let client, _):
            logger.info("using the daemon", metadata: ["socket": "\(locator.socketPath)"])
            return client
        case .otherIndex(let served):
            logger.info(
                "not using the daemon: it serves another index",
                metadata: ["socket": "\(locator.socketPath)", "served": "\(served ?? "an index it cannot open")"])
            return nil
        case .unavailable(let error) where !error.isDaemonUnavailable:
            Terminal.error("passim: \(error)\n")
            throw ExitCode.failure
        case .unavailable(let error):
            logger.info("not using a daemon", metadata: ["socket": "\(locator.socketPath)", "reason": "\(error)"])
            return nil
        }
    }
}
