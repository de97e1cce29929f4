import PassimCore
import PassimProtocol

/// A large page of hits cut into consecutive parts that the searcher threads search at once.
///
/// Most of the time of a large page goes to highlighting its hits, one after another, while the
/// other searcher threads (and the client waiting for the answer) sit idle. Each part is a
/// search of its own: the same query, its share of the page as `offset` and `limit`. The last
/// part asks for the page's whole depth, exactly as the page would, so its `estimatedTotal` is
/// the page's. The parts become one answer only when they read the same index revision and
/// agree on everything but their hits; otherwise the page is searched whole.
struct SearchParts {
    /// The searches, in page order; one means the page is not cut.
    let requests: [SearchParameters]

    /// `request` cut into at most `threads` parts of at least `minimumHits` hits each.
    init(_ request: SearchParameters, threads: Int, minimumHits: Int) {
        let count = min(threads, request.limit / max(1, minimumHits))
        guard count > 1 else {
            requests = [request]
            return
        }
        var requests: [SearchParameters] = []
        var start = 0
        for index in 0..<count {
            let end = request.limit * (index + 1) / count
            var part = request
            part.offset = request.offset + start
            part.limit = end - start
            // The last part's answer carries the page's fields: only it counts the facets.
            part.facets = request.facets && index == count - 1
            requests.append(part)
            start = end
        }
        self.requests = requests
    }

    /// The parts' answers as the page's, or nil when they are not parts of one answer.
    static func merge<Revision: Equatable>(_ parts: [(result: SearchResult, revision: Revision)]) -> SearchResult? {
        guard let first = parts.first, let last = parts.last else { return nil }
        let agree = parts.allSatisfy { part in
            part.revision == first.revision && part.result.query == first.result.query
                && part.result.correctedQuery == first.result.correctedQuery
                && part.result.readAsText == first.result.readAsText
        }
        guard agree else { return nil }
        var page = last.result
        page.hits = parts.flatMap(\.result.hits)
        return page
    }
}
