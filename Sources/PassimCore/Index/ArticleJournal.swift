/// The index's journal of article changes: every committed batch writes one entry (metadata
/// `passim:journal:<n>`) listing the articles it added, updated and removed, in the same
/// transaction as the changes; `passim:journal` holds the journal's random epoch and the last n.
///
/// A reader that remembers a position learns what later commits changed by reading their
/// entries: work in proportion to the changes, where comparing every article record is in
/// proportion to the index. Only the last ``kept`` entries are kept, and a fresh build starts
/// a new epoch with no entry, so a reader that is further behind, or that read an index since
/// rebuilt, gets nil and compares the records.
enum ArticleJournal {
    /// What a batch did to one article.
    enum Kind: UInt8, Sendable {
        case added = 0
        case updated = 1
        case removed = 2
    }

    /// Entries kept: older ones are deleted by the commit that writes entry n + kept.
    static let kept = 1_000
    static let positionKey = "passim:journal"

    static func entryKey(_ entry: Int) -> String { positionKey + ":" + String(entry) }

    /// The position stored in `bytes` (the value of ``positionKey``; empty: no journal yet).
    static func position(_ bytes: [UInt8]) -> JournalPosition {
        let fields = String(decoding: bytes, as: UTF8.self).split(separator: " ")
        guard fields.count == 2, let epoch = UInt64(fields[0], radix: 16), let entry = Int(fields[1]) else {
            return JournalPosition(epoch: 0, entry: 0)
        }
        return JournalPosition(epoch: epoch, entry: entry)
    }

    /// The stored form of `position`.
    static func bytes(of position: JournalPosition) -> [UInt8] {
        Array((String(position.epoch, radix: 16) + " " + String(position.entry)).utf8)
    }

    /// A new journal's position, before its first entry.
    static func start() -> JournalPosition {
        JournalPosition(epoch: UInt64.random(in: 1...UInt64.max), entry: 0)
    }

    /// Folds a change into what a batch has recorded for the article: the first change says
    /// whether it existed before the batch, the last whether it exists after.
    static func record(_ kind: Kind, _ id: String, into changes: inout [String: Kind]) {
        guard let earlier = changes[id] else {
            changes[id] = kind
            return
        }
        let existedBefore = earlier != .added
        switch (existedBefore, kind != .removed) {
        case (false, true): changes[id] = .added
        case (false, false): changes[id] = nil
        case (true, true): changes[id] = .updated
        case (true, false): changes[id] = .removed
        }
    }

    static func encode(_ changes: [String: Kind]) -> [UInt8] {
        var out = RecordWriter(capacity: changes.count * 24)
        for id in changes.keys.sorted() {
            guard let kind = changes[id] else { continue }
            out.byte(kind.rawValue)
            out.string(id)
        }
        return out.bytes
    }

    /// Folds the entry `bytes` into `changes`; false if they are not an entry.
    static func decode(_ bytes: [UInt8], into changes: inout [String: Kind]) -> Bool {
        var reader = RecordReader(bytes)
        while !reader.atEnd {
            guard let code = reader.byte(), let kind = Kind(rawValue: code), let id = reader.string() else {
                return false
            }
            record(kind, id, into: &changes)
        }
        return true
    }
}

/// A place in an index's journal of article changes (see ``Searcher/articleChanges(since:)``).
public struct JournalPosition: Sendable, Hashable {
    let epoch: UInt64
    let entry: Int
}

/// Articles added, updated and removed between two journal positions of an index.
public struct ArticleChanges: Sendable, Hashable {
    /// The journal position these changes bring a reader to.
    public var position: JournalPosition
    /// Ids of articles that are new, sorted.
    public var added: [String]
    /// Ids of articles that were replaced by another version, sorted.
    public var updated: [String]
    /// Ids of articles that are gone, sorted.
    public var removed: [String]
}
