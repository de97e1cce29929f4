import PassimXapian

/// What one shard commit changes in its index's catalog: the records of the shard's articles
/// written or removed, their journal kinds, the change in the article count, the spelling
/// counts and the synonyms the articles teach.
///
/// A shard commits first, with its delta stored in its own metadata in the same transaction,
/// then the catalog commits the deltas of every shard of the batch. A writer killed between
/// the two leaves a catalog behind a shard; the next writer finds it so (the catalog records
/// the shard revision it has applied) and applies the shard's stored delta, so the catalog
/// always describes the articles the shards hold.
struct ShardDelta: Sendable, Equatable {
    /// The metadata key of the last commit's delta in a shard.
    static let metadataKey = "passim:delta"

    /// Article records written (empty bytes: removed), with the journal kind of the change.
    var records: [String: Change] = [:]
    var articleCountChange = 0
    var spelling: [String: Int64] = [:]
    /// Synonym entries, key then synonym.
    var synonyms: [Synonym] = []

    struct Change: Sendable, Equatable {
        var kind: ArticleJournal.Kind
        var record: [UInt8]
    }

    struct Synonym: Sendable, Equatable {
        var key: String
        var synonym: String
    }

    var isEmpty: Bool { records.isEmpty && spelling.isEmpty && synonyms.isEmpty && articleCountChange == 0 }

    /// Folds a record change into the delta, keeping the first change's knowledge of whether
    /// the article existed before the batch.
    mutating func record(_ kind: ArticleJournal.Kind, _ id: String, bytes: [UInt8]) {
        var kinds: [String: ArticleJournal.Kind] = [:]
        kinds[id] = records[id]?.kind
        ArticleJournal.record(kind, id, into: &kinds)
        if let folded = kinds[id] {
            records[id] = Change(kind: folded, record: bytes)
        } else {
            records[id] = nil
        }
        switch kind {
        case .added: articleCountChange += 1
        case .removed: articleCountChange -= 1
        case .updated: break
        }
    }

    func encoded() -> [UInt8] {
        var out = RecordWriter(capacity: 256 + records.count * 160 + spelling.count * 12)
        out.varint(1)
        out.signed(Int64(articleCountChange))
        out.varint(records.count)
        for id in records.keys.sorted() {
            guard let change = records[id] else { continue }
            out.string(id)
            out.byte(change.kind.rawValue)
            out.blob(change.record)
        }
        out.varint(spelling.count)
        for word in spelling.keys.sorted() {
            out.string(word)
            out.signed(spelling[word, default: 0])
        }
        out.varint(synonyms.count)
        for entry in synonyms {
            out.string(entry.key)
            out.string(entry.synonym)
        }
        return out.bytes
    }

    /// The delta `bytes` hold, or nil when they are not one.
    static func decode(_ bytes: [UInt8]) -> ShardDelta? {
        var reader = RecordReader(bytes)
        guard reader.varint() == 1, let count = reader.signed(), let recordCount = reader.varint() else { return nil }
        var delta = ShardDelta(articleCountChange: Int(count))
        for _ in 0..<recordCount {
            guard let id = reader.string(), let code = reader.byte(), let kind = ArticleJournal.Kind(rawValue: code),
                let record = reader.blob()
            else { return nil }
            delta.records[id] = Change(kind: kind, record: record)
        }
        guard let words = reader.varint() else { return nil }
        for _ in 0..<words {
            guard let word = reader.string(), let change = reader.signed() else { return nil }
            delta.spelling[word] = change
        }
        guard let synonymCount = reader.varint() else { return nil }
        for _ in 0..<synonymCount {
            guard let key = reader.string(), let synonym = reader.string() else { return nil }
            delta.synonyms.append(Synonym(key: key, synonym: synonym))
        }
        return reader.atEnd ? delta : nil
    }
}

extension ShardDelta {
    /// The catalog metadata key of the shard revision whose delta the catalog has applied.
    static func appliedKey(_ number: Int) -> String { "passim:shard:\(number)" }

    /// What shard `number` (the database `shard`) changed in its last commit when `catalog` has
    /// not applied it yet (a writer killed between the two commits), with the shard's
    /// revision; nil when the catalog is up to date. A shard further ahead than one commit
    /// cannot be brought up: that is an error. For the writer that applies the delta and for
    /// the check that counts it.
    static func unapplied(
        shard number: Int, _ shard: XapianDatabase, catalog: XapianDatabase, directory: String
    ) throws -> (revision: UInt64, delta: ShardDelta)? {
        let applied = UInt64(String(decoding: try catalog.metadata(appliedKey(number)), as: UTF8.self)) ?? 0
        let revision = try shard.revision()
        guard revision != applied else { return nil }
        guard revision == applied + 1, let delta = decode(try shard.metadata(metadataKey)) else {
            throw IndexError(
                .corrupt,
                "shard \(number) of \(directory) is at revision \(revision) and its catalog has applied revision "
                    + "\(applied): was a shard replaced by another copy? Ingest again into a new index")
        }
        return (revision, delta)
    }
}
