import Logging
import PassimClient
import PassimProtocol

/// Searches through the daemon when one serves the index, else through `fallback` in process.
///
/// The connection is made at the first search and kept; when the daemon goes away (or was not
/// there), the next search looks for it again, so a daemon started while the editor runs is
/// used from then on. Cancelling a search's task cancels it on the daemon (`DaemonClient` sends
/// `$/cancelRequest`). A socket another user could have put there is refused, as the CLI does.
public actor DaemonPassageSource: PassageSource {
    private let locator: DaemonLocator
    private let indexDirectory: String
    private let fallback: any PassageSource
    private let logger: Logger
    private var client: DaemonClient?

    /// A source asking the daemon `locator` finds, when it serves `indexDirectory`.
    public init(locator: DaemonLocator, indexDirectory: String, fallback: any PassageSource, logger: Logger) {
        self.locator = locator
        self.indexDirectory = indexDirectory
        self.fallback = fallback
        self.logger = logger
    }

    public func search(_ query: String, limit: Int) async throws(PassageSourceError) -> SearchResult {
        if Task.isCancelled { throw .cancelled }
        if let daemon = try await connected() {
            do {
                return try await daemon.search(SearchRequest(query: query, limit: limit))
            } catch .cancelled {
                throw .cancelled
            } catch .server(let error) where error.code == .querySyntax {
                return .empty(query)
            } catch {
                // Answered in process instead, as the CLI does: a daemon that stopped costs nothing.
                logger.info("searching in process instead", metadata: ["daemon": "\(error)"])
                if case .server = error {} else { await drop(daemon) }
            }
        }
        return try await fallback.search(query, limit: limit)
    }

    /// The open connection, or a new one when a daemon serves the index; nil to search in process.
    private func connected() async throws(PassageSourceError) -> DaemonClient? {
        if let client { return client }
        switch await locator.lookup(servingIndex: indexDirectory) {
        case .serving(let opened, _):
            // Another search may have connected while this one waited.
            if let client {
                await opened.close()
                return client
            }
            logger.info("using the daemon", metadata: ["socket": "\(locator.socketPath)"])
            client = opened
            return opened
        case .otherIndex(let served):
            logger.info(
                "not using the daemon: it serves another index",
                metadata: ["served": "\(served ?? "an index it cannot open")"])
            return nil
        case .unavailable(let error):
            if case .untrusted = error { throw .failed("passim: \(error)") }
            logger.debug("not using a daemon", metadata: ["reason": "\(error)"])
            return nil
        }
    }

    private func drop(_ daemon: DaemonClient) async {
        guard client === daemon else { return }
        client = nil
        await daemon.close()
    }
}
