import PassimXapian

/// Equal scores in article id order (then passage order) for a sharded index, whose docids
/// interleave its shards: the same order whatever the number of shards.
///
/// Xapian can order ties by a value (`set_sort_by_relevance_then_value`), but then it reads
/// the value of every candidate it weighs, which costs more than the search itself
/// (BENCHMARKS.md, "Shards"). Only ties among the hits shown need the article id, and the
/// hits are decoded anyway: so Xapian ranks in docid order, one more hit on each side of the
/// page tells whether a tie crosses its edges, and ties inside the page are put in article id
/// order here. A tie across an edge, where docid order may have chosen other hits than
/// article id order would, asks Xapian again for every match weighing at least the tie's
/// weight (a weight cutoff) and orders them here; only when those are too many does Xapian
/// order them by value.
struct TieOrder {
    /// The value slot holding each passage's article id.
    let slot: UInt32
    /// Matches past the page's end that the cutoff search may return before the value order
    /// is cheaper.
    static let cutoffReach: UInt32 = 200

    /// The page `options` asks for, ranked as `set_sort_by_relevance_then_value(slot)` would.
    func search(
        _ query: XapianQuery, options: XapianSearchOptions, in database: XapianDatabase,
        articleID: (XapianMatch) throws -> String
    ) throws -> XapianMatchSet {
        let lead = options.offset > 0 ? 1 : 0
        var widened = options
        widened.offset = options.offset - UInt32(lead)
        widened.limit = options.limit + UInt32(lead) + 1
        widened.checkAtLeast = max(options.checkAtLeast, widened.offset + widened.limit)
        var result = try database.search(query, options: widened)
        let matches = result.matches
        let end = lead + Int(options.limit)
        let tiedAtStart = lead == 1 && matches.count > 1 && matches[0].weight == matches[1].weight
        let tiedAtEnd = matches.count > end && end > lead && matches[end - 1].weight == matches[end].weight
        // Ties are ordered over the whole list before the page is cut from it: without a tie
        // at an edge, the hits beside the page weigh otherwise and stay where they are.
        var ranked = matches
        var start = lead
        if tiedAtStart || tiedAtEnd {
            // The page's last weight: every hit of the page, and of the ties at its edges,
            // weighs at least that.
            let lowest = matches[min(end, matches.count) - 1].weight
            guard let all = try atLeast(lowest, query, options: options, in: database) else {
                var exact = options
                exact.tieSlot = slot
                return try database.search(query, options: exact)
            }
            ranked = all
            start = Int(options.offset)
        }
        try Self.orderTies(&ranked, by: articleID)
        let first = min(start, ranked.count)
        result.matches = Array(ranked[first..<min(first + Int(options.limit), ranked.count)])
        return result
    }

    /// Every match weighing at least `weight`, best first (docid order among equals); nil when
    /// they reach past the page by more than `cutoffReach`.
    private func atLeast(
        _ weight: Double, _ query: XapianQuery, options: XapianSearchOptions, in database: XapianDatabase
    ) throws -> [XapianMatch]? {
        var all = options
        all.offset = 0
        all.limit = options.offset + options.limit + Self.cutoffReach
        all.checkAtLeast = max(options.checkAtLeast, all.limit)
        all.weightCutoff = weight
        let found = try database.search(query, options: all).matches
        return found.count < Int(all.limit) ? found : nil
    }

    /// Sorts each run of equal weights by article id, bytewise as Xapian compares values,
    /// keeping docid order within an article (its passages share a shard).
    static func orderTies(_ page: inout [XapianMatch], by articleID: (XapianMatch) throws -> String) throws {
        var start = 0
        while start < page.count {
            var end = start + 1
            while end < page.count && page[end].weight == page[start].weight { end += 1 }
            if end - start > 1 {
                let keyed = try page[start..<end].enumerated().map {
                    ($0.offset, Array(try articleID($0.element).utf8), $0.element)
                }
                let sorted = keyed.sorted { left, right in
                    left.1 == right.1 ? left.0 < right.0 : left.1.lexicographicallyPrecedes(right.1)
                }
                page.replaceSubrange(start..<end, with: sorted.map(\.2))
            }
            start = end
        }
    }
}
