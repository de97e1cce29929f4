import PassimXapian

/// A compiled piece of the tree: the part that scores and the unscored filter that applies to it.
///
/// Keeping the two apart lets `source:x stem` become `Zstem FILTER XDx` instead of an OR in
/// which the boolean term would match on its own.
struct QueryPart {
    var scored: XapianQuery?
    var filter: XapianQuery?

    init(scored: XapianQuery? = nil, filter: XapianQuery? = nil) {
        self.scored = scored
        self.filter = filter
    }

    /// The part as one query, for places where only a query fits (OR operands, exclusions):
    /// a pure filter keeps weight 0.
    func materialized() throws(XapianError) -> XapianQuery? {
        switch (scored, filter) {
        case (let scored?, let filter?): try XapianQuery.combine(.filter, [scored, filter])
        case (let scored?, nil): scored
        case (nil, let filter?): try filter.scaled(by: 0)
        case (nil, nil): nil
        }
    }

    /// The part as the right side of AND_NOT, where weights do not count.
    func exclusion() throws(XapianError) -> XapianQuery? {
        guard let scored else { return filter }
        guard let filter else { return scored }
        return try XapianQuery.combine(.filter, [scored, filter])
    }

    /// The query for the whole search: a pure filter matches every document it allows.
    func finished() throws(XapianError) -> XapianQuery {
        switch (scored, filter) {
        case (let scored?, let filter?): try XapianQuery.combine(.filter, [scored, filter])
        case (let scored?, nil): scored
        case (nil, let filter?): try XapianQuery.combine(.filter, [XapianQuery.matchAll(), filter])
        case (nil, nil): try XapianQuery.matchNothing()
        }
    }
}

extension XapianQuery {
    /// `op` over `queries`, or the query itself when there is only one, or nil for none.
    static func joined(_ op: Operator, _ queries: [XapianQuery], parameter: UInt32 = 0) throws(XapianError)
        -> XapianQuery?
    {
        switch queries.count {
        case 0: nil
        case 1: queries[0]
        default: try combine(op, queries, parameter: parameter)
        }
    }

    /// `query`, or a match-all query when there is none (`??` cannot carry typed throws).
    static func matchingAll(unless query: XapianQuery?) throws(XapianError) -> XapianQuery {
        if let query { return query }
        return try matchAll()
    }
}
