import CXapian

/// A read-only Xapian database; not Sendable: use one per thread (sharing one crashes Xapian).
///
/// A reader stays on the revision it opened until `reopen()`. Under concurrent commits a read
/// may throw `.databaseModified`: call `reopen()` and retry.
public final class XapianDatabase {
    let handle: OpaquePointer
    /// For a writable database's read view: keeps the writer (which owns `handle`) alive.
    private let owner: WritableXapianDatabase?

    /// Opens the database at `path`; `.databaseNotFound` if there is none.
    public init(path: String) throws(XapianError) {
        let path = try path.checkedPath()
        handle = try cxapianMake { error in cxapian_database_open(path, &error) }
        owner = nil
    }

    /// Opens the database `xapian-tcpsrv` serves at `host`:`port`; `timeout` (seconds) bounds
    /// connecting and each operation.
    public init(remoteHost host: String, port: Int, timeout: Double) throws(XapianError) {
        guard let port = UInt32(exactly: port), port >= 1, port <= 65535 else {
            throw .invalidArgument("port \(port) is not a TCP port")
        }
        let milliseconds = UInt32(max(1, min(timeout * 1000, 3_600_000)))
        handle = try cxapianMake { error in cxapian_database_open_remote(host, port, milliseconds, &error) }
        owner = nil
    }

    /// Wraps the read view owned by `owner` (see `WritableXapianDatabase.readView()`).
    init(view: OpaquePointer, owner: WritableXapianDatabase) {
        handle = view
        self.owner = owner
    }

    deinit {
        if owner == nil {
            cxapian_database_free(handle)
        }
    }

    /// Moves to the newest committed revision; true if the revision changed.
    public func reopen() throws(XapianError) -> Bool {
        var changed: Int32 = 0
        try cxapianCall { error in cxapian_database_reopen(handle, &changed, &error) }
        return changed != 0
    }

    /// Releases the files; later calls throw `.databaseClosed`. A read view cannot be closed
    /// on its own (`.invalidOperation`): close the writable database instead.
    public func close() throws(XapianError) {
        try cxapianCall { error in cxapian_database_close(handle, &error) }
    }

    /// The revision this handle reads.
    public func revision() throws(XapianError) -> UInt64 {
        var out: UInt64 = 0
        try cxapianCall { error in cxapian_database_revision(handle, &out, &error) }
        return out
    }

    /// The database's UUID, made when it was created (empty when the backend has none): unlike
    /// the revision, it tells a database from one made again at the same path.
    public func uuid() throws(XapianError) -> String {
        var out = cxapian_string()
        try cxapianCall { error in cxapian_database_uuid(handle, &out, &error) }
        return String(decoding: takeBytes(out), as: UTF8.self)
    }

    /// The number of documents.
    public func documentCount() throws(XapianError) -> Int {
        var out: UInt32 = 0
        try cxapianCall { error in cxapian_database_doccount(handle, &out, &error) }
        return Int(out)
    }

    /// The average document length (sum of wdf) over all documents.
    public func averageLength() throws(XapianError) -> Double {
        var out = 0.0
        try cxapianCall { error in cxapian_database_average_length(handle, &out, &error) }
        return out
    }

    /// The number of documents indexed by `term` (0 if none).
    public func termFrequency(_ term: String) throws(XapianError) -> Int {
        var out: UInt32 = 0
        try cxapianCall { error in
            term.withCBytes { cxapian_database_termfreq(handle, $0, $1, &out, &error) }
        }
        return Int(out)
    }

    /// The metadata stored under `key` (empty if unset).
    public func metadata(_ key: String) throws(XapianError) -> [UInt8] {
        var out = cxapian_string()
        try cxapianCall { error in
            key.withCBytes { cxapian_database_get_metadata(handle, $0, $1, &out, &error) }
        }
        return takeBytes(out)
    }

    /// The metadata keys starting with `prefix`, sorted.
    public func metadataKeys(prefix: String) throws(XapianError) -> [String] {
        let list = try cxapianMake { error in
            prefix.withCBytes { cxapian_database_metadata_keys(handle, $0, $1, &error) }
        }
        return takeStrings(list).map(\.string)
    }

    /// The stored data of `docid`; `.docNotFound` if there is no such document.
    public func documentData(_ docid: UInt32) throws(XapianError) -> [UInt8] {
        var out = cxapian_string()
        try cxapianCall { error in cxapian_database_get_data(handle, docid, &out, &error) }
        return takeBytes(out)
    }

    /// The value in `slot` of `docid` (empty if unset); `.docNotFound` if there is no such document.
    public func value(_ docid: UInt32, slot: UInt32) throws(XapianError) -> [UInt8] {
        var out = cxapian_string()
        try cxapianCall { error in cxapian_database_get_value(handle, docid, slot, &out, &error) }
        return takeBytes(out)
    }

    /// The documents indexed by `term`, ascending; at most `max` (0 = all). "" lists every document.
    public func postings(_ term: String, max: Int = 0) throws(XapianError) -> [UInt32] {
        let limit = try Self.limit(max)
        var docids: UnsafeMutablePointer<UInt32>?
        var count = 0
        try cxapianCall { error in
            term.withCBytes {
                cxapian_database_postings(handle, $0, $1, limit, &docids, &count, &error)
            }
        }
        defer { cxapian_docids_free(docids) }
        guard let docids else {
            return []
        }
        return Array(UnsafeBufferPointer(start: docids, count: count))
    }

    /// The terms of `docid` starting with `prefix`, sorted, with their wdf.
    public func documentTerms(
        _ docid: UInt32, prefix: String = ""
    ) throws(XapianError) -> [(term: String, wdf: Int)] {
        let list = try cxapianMake { error in
            prefix.withCBytes { cxapian_database_doc_terms(handle, docid, $0, $1, &error) }
        }
        return takeStrings(list).map { (term: $0.string, wdf: $0.count) }
    }

    /// All terms starting with `prefix`, sorted, with their term frequency; at most `max` (0 = all).
    public func allTerms(
        prefix: String, max: Int = 0
    ) throws(XapianError) -> [(term: String, frequency: Int)] {
        let limit = try Self.limit(max)
        let list = try cxapianMake { error in
            prefix.withCBytes { cxapian_database_all_terms(handle, $0, $1, limit, &error) }
        }
        return takeStrings(list).map { (term: $0.string, frequency: $0.count) }
    }

    /// The words of the spelling table that start with `prefix`, in byte order, with their
    /// spelling frequencies; at most `max` of them (0: all).
    public func spellingWords(
        prefix: String, max: Int = 0
    ) throws(XapianError) -> [(word: String, frequency: Int)] {
        let limit = try Self.limit(max)
        let list = try cxapianMake { error in
            prefix.withCBytes { cxapian_database_spelling_words(handle, $0, $1, limit, &error) }
        }
        return takeStrings(list).map { (word: $0.string, frequency: $0.count) }
    }

    /// Xapian's spelling correction for `word`, or nil when it has none.
    ///
    /// Xapian proposes corrections even for correctly spelled words, so offer one only when a
    /// query finds little.
    public func spellingSuggestion(_ word: String, maxEditDistance: Int = 2) throws(XapianError)
        -> String?
    {
        guard let distance = UInt32(exactly: maxEditDistance) else {
            throw .invalidArgument(
                "maxEditDistance must be between 0 and \(UInt32.max), not \(maxEditDistance)")
        }
        var out = cxapian_string()
        try cxapianCall { error in
            word.withCBytes {
                cxapian_database_spelling_suggestion(handle, $0, $1, distance, &out, &error)
            }
        }
        let suggestion = takeString(out)
        return suggestion.isEmpty ? nil : suggestion
    }

    /// The synonyms stored for `key`, sorted.
    public func synonyms(_ key: String) throws(XapianError) -> [String] {
        let list = try cxapianMake { error in
            key.withCBytes { cxapian_database_synonyms(handle, $0, $1, &error) }
        }
        return takeStrings(list).map(\.string)
    }

    /// The keys that have synonyms and start with `prefix`, sorted.
    public func synonymKeys(prefix: String) throws(XapianError) -> [String] {
        let list = try cxapianMake { error in
            prefix.withCBytes { cxapian_database_synonym_keys(handle, $0, $1, &error) }
        }
        return takeStrings(list).map(\.string)
    }

    /// Runs `query` with BM25 ranking and returns one page of matches with their data.
    public func search(_ query: XapianQuery, options: XapianSearchOptions) throws(XapianError)
        -> XapianMatchSet
    {
        var raw = try options.raw()
        let mset = try withExtendedLifetime(query) { () throws(XapianError) -> OpaquePointer in
            try cxapianMake { error in cxapian_search(handle, query.handle, &raw, &error) }
        }
        defer { cxapian_mset_free(mset) }
        let size = cxapian_mset_size(mset)
        var matches: [XapianMatch] = []
        matches.reserveCapacity(Int(size))
        for index in 0..<size {
            var data = cxapian_string()
            try cxapianCall { error in cxapian_mset_data(mset, index, &data, &error) }
            matches.append(
                XapianMatch(
                    docid: cxapian_mset_docid(mset, index),
                    weight: cxapian_mset_weight(mset, index),
                    collapseCount: Int(cxapian_mset_collapse_count(mset, index)),
                    data: takeBytes(data)))
        }
        var set = XapianMatchSet(
            estimated: Int(cxapian_mset_estimated(mset)),
            lowerBound: Int(cxapian_mset_lower_bound(mset)),
            upperBound: Int(cxapian_mset_upper_bound(mset)),
            matches: matches)
        if options.countSlot != nil {
            let counts = try cxapianMake { error in cxapian_mset_value_counts(mset, &error) }
            set.valueCounts = takeStrings(counts).map { (value: $0.string, count: $0.count) }
        }
        return set
    }

    /// A `max` argument as the shim's limit (0 = no limit).
    private static func limit(_ max: Int) throws(XapianError) -> UInt32 {
        guard let limit = UInt32(exactly: max) else {
            throw .invalidArgument("max must be between 0 (no limit) and \(UInt32.max), not \(max)")
        }
        return limit
    }
}
