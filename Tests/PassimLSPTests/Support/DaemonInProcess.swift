import Foundation
import PassimCore
import PassimProtocol
import PassimTestSupport

@testable import PassimServer

/// The real daemon serving `folder`'s index in this process on a socket in the folder.
final class DaemonInProcess: Sendable {
    let socket: String
    private let daemon: PassimDaemon
    private let serving: Task<Void, any Error>

    init(_ folder: IndexedFolder, handlers: HandlerRegistry = .standard) async throws {
        // A socket of its own: a daemon a failed test left stopping must not be in the way.
        socket = folder.directory.path("d-\(UUID().uuidString.prefix(8)).sock")
        var configuration = ServerConfiguration(index: folder.layout, socketPath: socket, version: "test")
        configuration.searcherThreads = 1
        configuration.watchCorpus = false
        let daemon = try await withTaskExecutorPreference(DedicatedExecutor.shared) { [configuration] in
            try await PassimDaemon.start(configuration, handlers: handlers, logger: IndexedFolder.quiet)
        }
        self.daemon = daemon
        // Off the cooperative pool, which blocking tests may hold (`DedicatedExecutor`).
        serving = Task(executorPreference: DedicatedExecutor.shared) { try await daemon.run() }
    }

    deinit {
        daemon.requestShutdown()
    }

    /// Stops the daemon and waits until it has removed its socket.
    func stop() async {
        daemon.requestShutdown()
        _ = await serving.result
    }
}

/// The daemon's own `search`, except that a search for `held` first waits until the daemon
/// stops it (`$/cancelRequest`), telling the test when it starts and why it stopped.
struct HeldUntilStoppedSearch: MethodHandler {
    enum Event: Sendable, Equatable {
        case started
        case stopped(cancelled: Bool)
    }

    let held: String
    let events: AsyncStream<Event>.Continuation

    func handle(
        _ request: PassimProtocol.SearchRequest, context: RequestContext
    ) async -> Result<SearchResult, ResponseError> {
        if request.query == held {
            events.yield(.started)
            let reason = await withCheckedContinuation { continuation in
                context.token.onStop { continuation.resume(returning: $0) }
            }
            events.yield(.stopped(cancelled: reason == .cancelled))
        }
        return await SearchHandler().handle(request, context: context)
    }
}
