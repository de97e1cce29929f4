import Foundation
import PassimArticles
import PassimXapian

/// The index-wide part of an index, written with each commit: article records, the spelling
/// table's counts, the change journal, the article count, the corpus roots and the schema.
///
/// A single index keeps them in its one database; a sharded index in its catalog database.
/// Changes accumulate between commits (spelling counts and journal kinds in memory, records
/// in the database's open transaction) and `writePending` writes them just before the commit.
final class CatalogTables {
    let layout: IndexLayout
    let database: WritableXapianDatabase
    private(set) var articleCount = 0
    private(set) var roots = CorpusRoots()
    /// Each word's change in passage count since the last commit (see `TransactionalWriter`).
    var spelling: [String: Int64] = [:]
    /// What the open batch did to each article, for its journal entry.
    var changes: [String: ArticleJournal.Kind] = [:]
    private var rootsPending = false
    /// The schema version is written with the first commit, not when the database is created:
    /// a database never committed (revision 0) is what lets a fresh build publish into it.
    private var schemaPending = false

    init(layout: IndexLayout, database: WritableXapianDatabase) throws(IndexError) {
        self.layout = layout
        self.database = database
        try reload()
        let stored = try guarded { () throws(XapianError) in try database.readView().metadata(IndexMetadata.schemaKey) }
        if stored.isEmpty {
            schemaPending = true
        } else {
            try IndexMetadata.checkSchema(stored, directory: layout.directory)
        }
    }

    /// The record of article `id`, including uncommitted changes.
    func record(of id: String) throws(IndexError) -> ArticleRecord? {
        let bytes = try guarded { () throws(XapianError) in
            try database.readView().metadata(IndexMetadata.articleKey(id))
        }
        guard !bytes.isEmpty else { return nil }
        // A record that cannot be read is damage, not absence: read as absent, the article
        // would be added again beside its old passages and the article count would drift.
        do {
            return try ArticleRecord.decode(bytes)
        } catch {
            throw IndexError(
                .corrupt,
                "the stored record of article \(id) in \(layout.directory) cannot be read: "
                    + "delete the index and ingest again")
        }
    }

    func articleIDs(prefix: String) throws(IndexError) -> [String] {
        let keys = try guarded { () throws(XapianError) in
            try database.readView().metadataKeys(prefix: IndexMetadata.articlePrefix + prefix)
        }
        return keys.map { String($0.dropFirst(IndexMetadata.articlePrefix.count)) }
    }

    /// Records `roots` with the next commit; false when they are the recorded ones.
    func setRoots(_ roots: CorpusRoots) -> Bool {
        guard roots != self.roots else { return false }
        self.roots = roots
        rootsPending = true
        return true
    }

    /// Stores (or, with empty bytes, deletes) article `id`'s record and counts its journal
    /// change and the article count.
    func setRecord(_ id: String, _ bytes: [UInt8], kind: ArticleJournal.Kind) throws(XapianError) {
        try database.setMetadata(IndexMetadata.articleKey(id), bytes)
        ArticleJournal.record(kind, id, into: &changes)
        switch kind {
        case .added: articleCount += 1
        case .removed: articleCount -= 1
        case .updated: break
        }
    }

    /// Writes what the batch changed besides its documents: spelling counts, the schema on
    /// the first commit, the journal entry, the article count and the roots.
    func writePending() throws(XapianError) {
        try flushSpelling()
        if schemaPending {
            try database.setMetadata(IndexMetadata.schemaKey, Array(IndexMetadata.schemaVersion.utf8))
        }
        try writeJournalEntry()
        try database.setMetadata(IndexMetadata.articleCountKey, Array(String(articleCount).utf8))
        if rootsPending { try database.setMetadata(CorpusRoots.metadataKey, roots.encoded()) }
    }

    /// After a commit: nothing is pending any more.
    func committed() {
        schemaPending = false
        rootsPending = false
    }

    /// After a cancelled batch: forgets what it changed and reads the committed state again.
    func reload() throws(IndexError) {
        spelling.removeAll(keepingCapacity: true)
        changes.removeAll(keepingCapacity: true)
        rootsPending = false
        let (count, rootBytes) = try guarded { () throws(XapianError) in
            (
                try database.readView().metadata(IndexMetadata.articleCountKey),
                try database.readView().metadata(CorpusRoots.metadataKey)
            )
        }
        articleCount = Int(String(decoding: count, as: UTF8.self)) ?? 0
        roots = try CorpusRoots.decode(rootBytes, directory: layout.directory)
    }

    /// Writes the batch's journal entry and moves the journal on, dropping the oldest entry.
    private func writeJournalEntry() throws(XapianError) {
        guard !changes.isEmpty else { return }
        var position = ArticleJournal.position(try database.readView().metadata(ArticleJournal.positionKey))
        if position.epoch == 0 { position = ArticleJournal.start() }
        position = JournalPosition(epoch: position.epoch, entry: position.entry + 1)
        try database.setMetadata(ArticleJournal.entryKey(position.entry), ArticleJournal.encode(changes))
        try database.setMetadata(ArticleJournal.positionKey, ArticleJournal.bytes(of: position))
        if position.entry > ArticleJournal.kept {
            try database.setMetadata(ArticleJournal.entryKey(position.entry - ArticleJournal.kept), [])
        }
        changes.removeAll(keepingCapacity: true)
    }

    /// Applies the batch's spelling changes, in order: sorted keys walk Xapian's spelling
    /// B-tree sequentially.
    private func flushSpelling() throws(XapianError) {
        for word in spelling.keys.sorted() {
            guard let change = spelling[word], change != 0 else { continue }
            if change > 0 {
                try database.addSpelling(word, frequency: UInt32(clamping: change))
            } else {
                try database.removeSpelling(word, frequency: UInt32(clamping: -change))
            }
        }
        spelling.removeAll(keepingCapacity: true)
    }

    func guarded<T>(_ body: () throws(XapianError) -> T) throws(IndexError) -> T {
        do {
            return try body()
        } catch {
            throw IndexError.from(error, path: layout.directory)
        }
    }
}
