import Dispatch
import NIOConcurrencyHelpers
import PassimCore
import PassimProtocol
import PassimServer

/// Searches the index in this process, one search at a time on its own serial queue: a
/// `Searcher` is for one thread at a time, and a search that was cancelled while it waited for
/// its turn (the user typed on) is skipped, so stale work never queues up.
public final class InProcessPassageSource: PassageSource, @unchecked Sendable {
    // @unchecked: `searcher` is only touched on `queue`.
    private let layout: IndexLayout
    private let queue = DispatchQueue(label: "passim.lsp.search")
    private var searcher: Searcher?

    /// A source reading the index at `layout`, opened at the first search (and again after a
    /// failure, so an index built while the editor runs is found).
    public init(layout: IndexLayout) {
        self.layout = layout
    }

    public func search(_ query: String, limit: Int) async throws(PassageSourceError) -> SearchResult {
        let cancelled = NIOLockedValueBox(false)
        let outcome: Result<SearchResult, PassageSourceError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                queue.async { [self] in
                    if cancelled.withLockedValue({ $0 }) {
                        continuation.resume(returning: .failure(.cancelled))
                    } else {
                        continuation.resume(returning: run(query, limit: limit))
                    }
                }
            }
        } onCancel: {
            cancelled.withLockedValue { $0 = true }
        }
        return try outcome.get()
    }

    /// One search, on `queue`.
    private func run(_ query: String, limit: Int) -> Result<SearchResult, PassageSourceError> {
        do {
            let searcher = try openSearcher()
            try searcher.refresh()
            return .success(SearchResult(try searcher.search(SearchParameters(query: query, limit: limit))))
        } catch let error as IndexError {
            searcher = nil
            return .failure(.failed(error.message))
        } catch SearchError.syntax {
            return .success(.empty(query))
        } catch let error as SearchError {
            return .failure(.failed(error.description))
        } catch {
            return .failure(.failed("\(error)"))
        }
    }

    private func openSearcher() throws(IndexError) -> Searcher {
        if let searcher { return searcher }
        let opened = try Searcher(layout: layout)
        searcher = opened
        return opened
    }
}
