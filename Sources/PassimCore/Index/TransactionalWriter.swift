import Foundation
import PassimAnalysis
import PassimArticles
import PassimXapian

/// The sink of an index that has been written before: changes are grouped into batches, each
/// batch one Xapian transaction, so a reader (or a crash) sees every article of a batch in its
/// old or its new version, never a mix of an article's passages. Each commit also writes the
/// batch's spelling changes, its journal entry and the article count.
final class TransactionalWriter: ArticleSink {
    let layout: IndexLayout
    private let database: WritableXapianDatabase
    private let builder: DocumentBuilder
    private(set) var inTransaction = false
    /// What the open batch changes in the spelling table: each word's passage count, up for
    /// articles written, down for the versions they replace and for articles removed (or the
    /// table would offer words no passage holds any more). Xapian looks a word up in its
    /// spelling table on every call, so the batch changes each word once, at commit.
    private var batchSpelling: [String: Int64] = [:]
    /// What the open batch did to each article, for its journal entry (see `ArticleJournal`).
    private var batchChanges: [String: ArticleJournal.Kind] = [:]
    private var articleCount = 0
    private(set) var roots = CorpusRoots()
    /// Whether `roots` changed in the open batch.
    private var rootsPending = false
    /// The schema version is written with the first commit, not when the database is created:
    /// a database never committed (revision 0) is what lets a fresh build publish into it.
    private var schemaPending = false

    init(layout: IndexLayout, database: WritableXapianDatabase, builder: DocumentBuilder) throws(IndexError) {
        self.layout = layout
        self.database = database
        self.builder = builder
        try checkSchema()
        articleCount = try readArticleCount()
        roots = try readRoots()
    }

    var articles: Int { articleCount }

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

    func setRoots(_ roots: CorpusRoots) throws(IndexError) {
        guard roots != self.roots else { return }
        try beginBatch()
        self.roots = roots
        rootsPending = true
    }

    /// Starts a batch if none is open.
    func beginBatch() throws(IndexError) {
        guard !inTransaction else { return }
        try guarded { () throws(XapianError) in try database.beginTransaction(flushed: true) }
        inTransaction = true
    }

    func commit() throws(IndexError) {
        guard inTransaction else { return }
        try guarded { () throws(XapianError) in
            try flushSpelling()
            if schemaPending {
                try database.setMetadata(IndexMetadata.schemaKey, Array(IndexMetadata.schemaVersion.utf8))
            }
            try writeJournalEntry()
            try database.setMetadata(IndexMetadata.articleCountKey, Array(String(articleCount).utf8))
            if rootsPending { try database.setMetadata(CorpusRoots.metadataKey, roots.encoded()) }
            try database.commitTransaction()
        }
        inTransaction = false
        schemaPending = false
        rootsPending = false
    }

    func cancel() throws(IndexError) {
        guard inTransaction else { return }
        inTransaction = false
        batchSpelling.removeAll(keepingCapacity: true)
        batchChanges.removeAll(keepingCapacity: true)
        try guarded { () throws(XapianError) in try database.cancelTransaction() }
        articleCount = try readArticleCount()
        roots = try readRoots()
        rootsPending = false
    }

    func finish() throws(IndexError) {
        try commit()
    }

    /// Cancels an open transaction without reporting failure (the writer is going away).
    func abandon() {
        if inTransaction { try? database.cancelTransaction() }
        inTransaction = false
    }

    func replace(_ article: Article) throws(IndexError) -> Bool {
        try beginBatch()
        let previous = try record(of: article.id)
        let existed = previous != nil
        if let previous { try takeBackSpelling(of: previous) }
        try guarded { () throws(XapianError) in try builder.write(article, into: database, replacing: true) }
        for (word, count) in builder.spellingWords { batchSpelling[word, default: 0] += Int64(count) }
        ArticleJournal.record(existed ? .updated : .added, article.id, into: &batchChanges)
        if !existed { articleCount += 1 }
        return existed
    }

    func remove(articleID id: String) throws(IndexError) -> Bool {
        try beginBatch()
        guard let previous = try record(of: id) else { return false }
        try takeBackSpelling(of: previous)
        try guarded { () throws(XapianError) in
            try database.deleteDocuments(withTerm: Schema.articleTerm(id))
            try database.setMetadata(IndexMetadata.articleKey(id), [])
        }
        ArticleJournal.record(.removed, id, into: &batchChanges)
        articleCount -= 1
        return true
    }

    /// Writes the batch's journal entry and moves the journal on, dropping the oldest entry.
    private func writeJournalEntry() throws(XapianError) {
        guard !batchChanges.isEmpty else { return }
        var position = ArticleJournal.position(try database.readView().metadata(ArticleJournal.positionKey))
        if position.epoch == 0 { position = ArticleJournal.start() }
        position = JournalPosition(epoch: position.epoch, entry: position.entry + 1)
        try database.setMetadata(ArticleJournal.entryKey(position.entry), ArticleJournal.encode(batchChanges))
        try database.setMetadata(ArticleJournal.positionKey, ArticleJournal.bytes(of: position))
        if position.entry > ArticleJournal.kept {
            try database.setMetadata(ArticleJournal.entryKey(position.entry - ArticleJournal.kept), [])
        }
        batchChanges.removeAll(keepingCapacity: true)
    }

    /// Counts down the spelling words the stored version of an article (its `record`) added.
    private func takeBackSpelling(of record: ArticleRecord) throws(IndexError) {
        let words: [String: UInt32]
        do {
            words = try builder.storedSpellingWords(of: record, in: database.readView())
        } catch {
            throw IndexError.mapping(
                error, path: layout.directory, context: "cannot read the stored passages of article \(record.id)")
        }
        for (word, count) in words { batchSpelling[word, default: 0] -= Int64(count) }
    }

    /// Applies the batch's spelling changes, in order: sorted keys walk Xapian's spelling
    /// B-tree sequentially.
    private func flushSpelling() throws(XapianError) {
        for word in batchSpelling.keys.sorted() {
            guard let change = batchSpelling[word], change != 0 else { continue }
            if change > 0 {
                try database.addSpelling(word, frequency: UInt32(clamping: change))
            } else {
                try database.removeSpelling(word, frequency: UInt32(clamping: -change))
            }
        }
        batchSpelling.removeAll(keepingCapacity: true)
    }

    private func checkSchema() throws(IndexError) {
        let stored = try guarded { () throws(XapianError) in
            try database.readView().metadata(IndexMetadata.schemaKey)
        }
        if stored.isEmpty {
            schemaPending = true
        } else {
            try IndexMetadata.checkSchema(stored, directory: layout.directory)
        }
    }

    private func readRoots() throws(IndexError) -> CorpusRoots {
        let bytes = try guarded { () throws(XapianError) in try database.readView().metadata(CorpusRoots.metadataKey) }
        return try CorpusRoots.decode(bytes, directory: layout.directory)
    }

    private func readArticleCount() throws(IndexError) -> Int {
        let bytes = try guarded { () throws(XapianError) in
            try database.readView().metadata(IndexMetadata.articleCountKey)
        }
        return Int(String(decoding: bytes, as: UTF8.self)) ?? 0
    }

    private func guarded<T>(_ body: () throws(XapianError) -> T) throws(IndexError) -> T {
        do {
            return try body()
        } catch {
            throw IndexError.from(error, path: layout.directory)
        }
    }
}
