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

    /// A handshake with the daemon on its way (nil with `--no-daemon`), for a command that asks
    /// the daemon one thing: it finds its own index meanwhile, then calls `connection`.
    func startLookup() -> DaemonLocator.StartedLookup? {
        noDaemon ? nil : socketOption.locator.startLookup()
    }

    /// The index the daemon at the socket serves, unless `--no-daemon`: where a command that
    /// found no index of its own and keeps running (`passim lsp`) works.
    func servedIndex() -> String? {
        guard let lookup = startLookup(),
            case .serving(let connection, let index) = lookup.finish(servingIndex: nil)
        else { return nil }
        connection.close()
        return index
    }

    /// The initialized blocking connection `lookup` made when its daemon serves `directory`
    /// (whatever index it serves, when nil), and that index; nil to work in-process. The rules
    /// are those of `daemon(serving:)`.
    func connection(
        _ lookup: DaemonLocator.StartedLookup?, serving directory: String?
    ) throws -> (DaemonConnection, String)? {
        guard let lookup else { return nil }
        switch lookup.finish(servingIndex: directory) {
        case .serving(let connection, let index): return try use(.serving((connection, index)))
        case .otherIndex(let served): return try use(.otherIndex(served))
        case .unavailable(let error): return try use(.unavailable(error))
        }
    }

    /// An initialized connection to a daemon serving `layout` (the caller closes it), or nil to
    /// work in-process; why a daemon is not used is logged at `info` (PASSIM_LOG_LEVEL=info).
    /// A socket that may belong to someone else is an error, not a reason to work in-process
    /// quietly: the user must learn that someone may be posing as their daemon.
    func daemon(serving layout: IndexLayout) async throws -> DaemonClient? {
        guard !noDaemon else { return nil }
        switch await socketOption.locator.lookup(servingIndex: layout.directory) {
        case .serving(let client, _): return try use(.serving(client))
        case .otherIndex(let served): return try use(.otherIndex(served))
        case .unavailable(let error): return try use(.unavailable(error))
        }
    }

    /// What a lookup found, whichever client made it.
    private enum Found<Client> {
        case serving(Client)
        case otherIndex(String?)
        case unavailable(ClientError)
    }

    /// The client to use, or nil (saying why at `info`); a socket that may be someone else's
    /// ends the command instead.
    private func use<Client>(_ found: Found<Client>) throws -> Client? {
        // Logging at `info` only: the path is worked out when a message is written.
        var socket: String { socketOption.locator.socketPath }
        switch found {
        case .serving(let client):
            Self.logger.info("using the daemon", metadata: ["socket": "\(socket)"])
            return client
        case .otherIndex(let served):
            Self.logger.info(
                "not using the daemon: it serves another index",
                metadata: ["socket": "\(socket)", "served": "\(served ?? "an index it cannot open")"])
            return nil
        case .unavailable(let error) where !error.isDaemonUnavailable:
            Terminal.error("passim: \(error)\n")
            throw ExitCode.failure
        case .unavailable(let error):
            Self.logger.info("not using a daemon", metadata: ["socket": "\(socket)", "reason": "\(error)"])
            return nil
        }
    }

    private static let logger = Logger(label: "passim.client")
}
