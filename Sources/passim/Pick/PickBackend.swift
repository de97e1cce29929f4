import Foundation
import PassimClient
import PassimCore
import PassimProtocol
import PassimServer

/// Where the picker's helpers search and complete words: the daemon serving the index when one
/// does, the index in this process otherwise (as `passim search` chooses).
struct PickBackend: Sendable {
    let daemon: DaemonClient?
    let layout: IndexLayout

    /// The backend for `indexOptions` and `daemonOptions`; with `indexChanges`, each
    /// `index/didChange` of the daemon goes to it (nothing comes without a daemon).
    static func open(
        indexOptions: IndexOptions, daemonOptions: DaemonOptions,
        indexChanges: (@Sendable (IndexDidChangeNotification) -> Void)? = nil
    ) async -> PickBackend {
        await open(indexOptions: indexOptions, daemonOptions: daemonOptions, indexChanges: indexChanges) { _ in }
            .backend
    }

    /// `open`, with `ask` run on the daemon's backend as soon as it is connected, before its
    /// handshake is answered (one round trip instead of two). Its answer is kept only when that
    /// daemon serves the index; when it is nil, ask the backend this returns (in process then).
    static func open<Value: Sendable>(
        indexOptions: IndexOptions, daemonOptions: DaemonOptions,
        indexChanges: (@Sendable (IndexDidChangeNotification) -> Void)? = nil,
        asking ask: @escaping @Sendable (PickBackend) async -> Value
    ) async -> (backend: PickBackend, answer: Value?) {
        let layout = indexOptions.layout
        guard !daemonOptions.noDaemon else { return (PickBackend(daemon: nil, layout: layout), nil) }
        let locator = daemonOptions.socketOption.locator
        let found = await locator.lookup(servingIndex: layout.directory, indexChanges: indexChanges) { client in
            await ask(PickBackend(daemon: client, layout: layout))
        }
        if case .serving(let client, _) = found.lookup {
            return (PickBackend(daemon: client, layout: layout), found.value)
        }
        return (PickBackend(daemon: nil, layout: layout), nil)
    }

    /// The first `limit` passages for `query`, or the message to show instead.
    func search(_ query: String, limit: Int) async -> Result<SearchResult, PickFailure> {
        if let daemon {
            do {
                return .success(try await daemon.search(SearchRequest(query: query, limit: limit)))
            } catch {
                return .failure(PickFailure(message: Self.message(error)))
            }
        }
        do {
            let searcher = try Searcher(layout: layout)
            return .success(SearchResult(try searcher.search(SearchParameters(query: query, limit: limit))))
        } catch {
            return .failure(PickFailure(message: "\(error)"))
        }
    }

    /// Indexed words that complete `prefix`, most frequent first (the daemon's `suggest`);
    /// none when the index cannot tell.
    func completions(of prefix: String, limit: Int) async -> [String] {
        if let daemon {
            let answer = try? await daemon.send(SuggestRequest(prefix: prefix, limit: limit), timeout: .seconds(5))
            return answer?.completions.map(\.term) ?? []
        }
        let words = try? Searcher(layout: layout).completions(of: prefix, limit: limit)
        return words?.map(\.word) ?? []
    }

    func close() async {
        await daemon?.close()
    }

    /// The daemon's own message for an error it answered, else the client's.
    private static func message(_ error: ClientError) -> String {
        if case .server(let response) = error { return response.message }
        return "\(error)"
    }
}

/// Why the picker shows no passages.
struct PickFailure: Error {
    var message: String
}
