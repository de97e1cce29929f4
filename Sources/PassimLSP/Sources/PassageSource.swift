import PassimProtocol

/// Where `workspace/symbol` finds its passages: the daemon, or the index read in process.
/// Results carry UTF-8 positions, as Passim stores them; the server converts them.
public protocol PassageSource: Sendable {
    /// The best `limit` passages for `query`. A query that is not valid syntax (the user is
    /// still typing it) finds nothing rather than failing. A search whose task is cancelled
    /// throws `.cancelled`, and one cancelled before it started never runs.
    func search(_ query: String, limit: Int) async throws(PassageSourceError) -> SearchResult
}

/// Why a source found no passages.
public enum PassageSourceError: Error, Sendable, Hashable {
    /// The request was cancelled (superseded, or `$/cancelRequest`).
    case cancelled
    /// The search cannot run: no index, an unreadable one, an untrusted socket. The message
    /// says what to do, for the editor to show.
    case failed(String)
}

extension SearchResult {
    /// No hits: the answer to a query still being typed.
    static func empty(_ query: String) -> SearchResult {
        SearchResult(query: query, estimatedTotal: 0, hits: [])
    }
}
