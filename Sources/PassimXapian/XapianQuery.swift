import CXapian

/// An immutable Xapian query tree, confined to the thread that built it.
///
/// Not `Sendable`: Xapian 1.4 counts references to query nodes with a plain, non-atomic
/// integer, so copying or freeing trees that share nodes from two threads would race. Each
/// search builds its query on the thread that runs it (a searcher compiles and searches in one
/// call), so no lock and no private copy are needed.
public final class XapianQuery: CustomStringConvertible {
    /// How `combine` joins its subqueries.
    public enum Operator: Sendable, CaseIterable {
        case and, or, andNot, xor, andMaybe, filter, near, phrase, eliteSet, synonym, max

        var raw: cxapian_op {
            switch self {
            case .and: CXAPIAN_OP_AND
            case .or: CXAPIAN_OP_OR
            case .andNot: CXAPIAN_OP_AND_NOT
            case .xor: CXAPIAN_OP_XOR
            case .andMaybe: CXAPIAN_OP_AND_MAYBE
            case .filter: CXAPIAN_OP_FILTER
            case .near: CXAPIAN_OP_NEAR
            case .phrase: CXAPIAN_OP_PHRASE
            case .eliteSet: CXAPIAN_OP_ELITE_SET
            case .synonym: CXAPIAN_OP_SYNONYM
            case .max: CXAPIAN_OP_MAX
            }
        }
    }

    let handle: OpaquePointer

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        cxapian_query_free(handle)
    }

    /// A query for one term; `wqf` is its within-query frequency, `position` its query position (0 = none).
    public static func term(_ term: String, wqf: UInt32 = 1, position: UInt32 = 0)
        throws(XapianError) -> XapianQuery
    {
        let handle = try cxapianMake { error in
            term.withCBytes { cxapian_query_term($0, $1, wqf, position, &error) }
        }
        return XapianQuery(handle: handle)
    }

    /// A query matching every document (weight 0).
    public static func matchAll() throws(XapianError) -> XapianQuery {
        XapianQuery(handle: try cxapianMake { error in cxapian_query_match_all(&error) })
    }

    /// A query matching no document; `isEmpty` is true for it.
    public static func matchNothing() throws(XapianError) -> XapianQuery {
        XapianQuery(handle: try cxapianMake { error in cxapian_query_match_nothing(&error) })
    }

    /// Joins `subqueries` with `op`; `parameter` is the window of `.near`/`.phrase` (0 = number of
    /// subqueries) or the set size of `.eliteSet`, and must be 0 for other operators.
    public static func combine(
        _ op: Operator, _ subqueries: [XapianQuery], parameter: UInt32 = 0
    ) throws(XapianError) -> XapianQuery {
        let handles: [OpaquePointer?] = subqueries.map { $0.handle }
        let handle = try withExtendedLifetime(subqueries) {
            () throws(XapianError) -> OpaquePointer in
            try cxapianMake { error in
                handles.withUnsafeBufferPointer {
                    cxapian_query_combine(op.raw, $0.baseAddress, $0.count, parameter, &error)
                }
            }
        }
        return XapianQuery(handle: handle)
    }

    /// Every term starting with `prefix`, as one synonym; at most `maxExpansion` terms, the most
    /// frequent ones (0 = no limit).
    public static func wildcard(prefix: String, maxExpansion: UInt32 = 0) throws(XapianError)
        -> XapianQuery
    {
        let handle = try cxapianMake { error in
            prefix.withCBytes { cxapian_query_wildcard($0, $1, maxExpansion, &error) }
        }
        return XapianQuery(handle: handle)
    }

    /// This query with its weight multiplied by `factor` (>= 0; 0 makes it a pure filter).
    public func scaled(by factor: Double) throws(XapianError) -> XapianQuery {
        let handle = try cxapianMake { error in cxapian_query_scale(self.handle, factor, &error) }
        return XapianQuery(handle: handle)
    }

    /// True when Xapian 1.4 may rank this query wrongly while it prunes (it has an OR,
    /// AND_MAYBE, XOR, ELITE_SET or MAX outside a SYNONYM: their postlists decay, and the decay
    /// of AND_MAYBE to AND can skip a match); false when pruning is exact, as for a single term,
    /// a phrase or an AND.
    public var mayPruneInexactly: Bool {
        cxapian_query_may_prune_inexactly(handle) != 0
    }

    /// True for a query that matches nothing (`matchNothing()` or an empty combination).
    public var isEmpty: Bool {
        cxapian_query_is_empty(handle) != 0
    }

    /// Xapian's description, e.g. "Query((Zstock@1 AND_NOT Zcook@2))".
    public var description: String {
        var out = cxapian_string()
        var error = cxapian_error()
        guard cxapian_query_describe(handle, &out, &error) == 0 else {
            // Only an allocation failure gets here; say so rather than inventing a description.
            return "<query description unavailable: \(XapianError(error))>"
        }
        return takeString(out)
    }
}
