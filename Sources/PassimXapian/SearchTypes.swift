import CXapian

/// Xapian's BM25 parameters; the defaults are Xapian's own.
public struct BM25Parameters: Sendable, Hashable {
    /// Term-frequency saturation (Xapian default 1).
    public var k1: Double
    /// Document-length correction (Xapian default 0).
    public var k2: Double
    /// Within-query frequency saturation (Xapian default 1).
    public var k3: Double
    /// Document-length normalisation, 0...1 (Xapian default 0.5).
    public var b: Double
    /// Lower bound on normalised document length (Xapian default 0.5).
    public var minNormalizedLength: Double

    /// Creates parameters; omitted ones take Xapian's defaults.
    public init(
        k1: Double = 1, k2: Double = 0, k3: Double = 1, b: Double = 0.5,
        minNormalizedLength: Double = 0.5
    ) {
        self.k1 = k1
        self.k2 = k2
        self.k3 = k3
        self.b = b
        self.minNormalizedLength = minNormalizedLength
    }
}

/// A weighting scheme of Xapian's, for measuring ranking against BM25; each with Xapian's
/// default parameters.
public enum WeightingScheme: String, Sendable, Hashable, CaseIterable {
    case bm25, bm25plus, tfidf, pl2, pl2plus, dph, dlh, lm, inl2, ifb2, ineb2, bb2

    var raw: UInt32 {
        switch self {
        case .bm25: UInt32(CXAPIAN_SCHEME_BM25)
        case .bm25plus: UInt32(CXAPIAN_SCHEME_BM25_PLUS)
        case .tfidf: UInt32(CXAPIAN_SCHEME_TFIDF)
        case .pl2: UInt32(CXAPIAN_SCHEME_PL2)
        case .pl2plus: UInt32(CXAPIAN_SCHEME_PL2_PLUS)
        case .dph: UInt32(CXAPIAN_SCHEME_DPH)
        case .dlh: UInt32(CXAPIAN_SCHEME_DLH)
        case .lm: UInt32(CXAPIAN_SCHEME_LM)
        case .inl2: UInt32(CXAPIAN_SCHEME_INL2)
        case .ifb2: UInt32(CXAPIAN_SCHEME_IFB2)
        case .ineb2: UInt32(CXAPIAN_SCHEME_INEB2)
        case .bb2: UInt32(CXAPIAN_SCHEME_BB2)
        }
    }
}

/// What to fetch from one search: the page, the estimate's accuracy, collapsing and weighting.
public struct XapianSearchOptions: Sendable, Equatable {
    /// Index of the first match to return.
    public var offset: UInt32
    /// Number of matches to return.
    public var limit: UInt32
    /// Count at least this many matches exactly, so the estimate is exact below it.
    public var checkAtLeast: UInt32
    /// Value slot whose value groups matches (e.g. the article id); nil for no collapsing.
    public var collapseSlot: UInt32?
    /// Matches kept per collapse key (at least 1).
    public var collapseMax: UInt32
    /// BM25 parameters; nil for Xapian's defaults.
    public var bm25: BM25Parameters?
    /// Another weighting scheme than BM25 (for measuring); nil for BM25.
    public var scheme: WeightingScheme?
    /// Count the values of this slot over the documents the match examines (a match spy);
    /// with `checkAtLeast` at the document count, over every match.
    public var countSlot: UInt32?
    /// Orders matches of equal score by this slot's value, not by document id: the same
    /// order whatever the shards an index is split into. Nil keeps Xapian's docid order.
    public var tieSlot: UInt32?
    /// Matches weighing less than this are left out (Xapian's weight cutoff); nil for none.
    public var weightCutoff: Double?

    /// Creates options; the defaults return the first 10 matches, uncollapsed, with default BM25.
    public init(
        offset: UInt32 = 0, limit: UInt32 = 10, checkAtLeast: UInt32 = 0,
        collapseSlot: UInt32? = nil, collapseMax: UInt32 = 1, bm25: BM25Parameters? = nil
    ) {
        self.offset = offset
        self.limit = limit
        self.checkAtLeast = checkAtLeast
        self.collapseSlot = collapseSlot
        self.collapseMax = collapseMax
        self.bm25 = bm25
    }

    /// The C form of these options.
    func raw() throws(XapianError) -> cxapian_search_options {
        var raw = cxapian_search_options()
        raw.offset = offset
        raw.limit = limit
        raw.check_at_least = checkAtLeast
        raw.collapse_slot = -1
        if let slot = collapseSlot {
            guard let signed = Int32(exactly: slot) else {
                throw .invalidArgument("collapse slot \(slot) is too large (at most \(Int32.max))")
            }
            raw.collapse_slot = signed
            raw.collapse_max = Swift.max(collapseMax, 1)
        }
        raw.scheme = scheme?.raw ?? UInt32(CXAPIAN_SCHEME_BM25)
        raw.tie_slot = -1
        if let tieSlot {
            guard let signed = Int32(exactly: tieSlot) else {
                throw .invalidArgument("tie slot \(tieSlot) is too large (at most \(Int32.max))")
            }
            raw.tie_slot = signed
        }
        raw.weight_cutoff = weightCutoff ?? 0
        if let countSlot {
            raw.count_values = 1
            raw.count_slot = countSlot
        }
        if let bm25 {
            raw.bm25_k1 = bm25.k1
            raw.bm25_k2 = bm25.k2
            raw.bm25_k3 = bm25.k3
            raw.bm25_b = bm25.b
            raw.bm25_min_normlen = bm25.minNormalizedLength
        }
        return raw
    }
}

/// One ranked match.
public struct XapianMatch: Sendable, Equatable {
    /// The document id.
    public var docid: UInt32
    /// The BM25 weight.
    public var weight: Double
    /// With collapsing: how many other matches with the same key were dropped (a lower bound).
    public var collapseCount: Int
    /// The document's stored data.
    public var data: [UInt8]

    /// Creates a match.
    public init(docid: UInt32, weight: Double, collapseCount: Int, data: [UInt8]) {
        self.docid = docid
        self.weight = weight
        self.collapseCount = collapseCount
        self.data = data
    }
}

/// One page of ranked matches with Xapian's estimate of the total.
public struct XapianMatchSet: Sendable, Equatable {
    /// Xapian's estimate of the number of matches.
    public var estimated: Int
    /// A lower bound on the number of matches.
    public var lowerBound: Int
    /// An upper bound on the number of matches.
    public var upperBound: Int
    /// The requested page of matches, best first.
    public var matches: [XapianMatch]
    /// With `XapianSearchOptions.countSlot`: each value of that slot among the documents the
    /// match examined, with how many had it.
    public var valueCounts: [(value: String, count: Int)] = []

    /// Creates a match set.
    public init(estimated: Int, lowerBound: Int, upperBound: Int, matches: [XapianMatch]) {
        self.estimated = estimated
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.matches = matches
    }

    public static func == (lhs: XapianMatchSet, rhs: XapianMatchSet) -> Bool {
        (lhs.estimated, lhs.lowerBound, lhs.upperBound, lhs.matches) == (
            rhs.estimated, rhs.lowerBound, rhs.upperBound, rhs.matches
        )
            && lhs.valueCounts.elementsEqual(rhs.valueCounts) { $0 == $1 }
    }
}
