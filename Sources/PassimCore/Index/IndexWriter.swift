import Foundation
import PassimAnalysis
import PassimArticles
import PassimXapian

/// The single writer of an index: adds, replaces and removes whole articles atomically.
///
/// Changes are grouped into batches; each batch is one Xapian transaction, so a reader (or a
/// crash) sees every article of a batch in its old or its new version, never a mix of an
/// article's passages. Not thread safe.
///
/// A brand-new index can instead be written as a fresh build (``beginFreshBuild()``): the
/// articles are written on every core and the whole index appears at once when the writer closes.
public final class IndexWriter {
    public let layout: IndexLayout
    private let database: WritableXapianDatabase
    private let builder: DocumentBuilder
    private var inTransaction = false
    /// What the open batch changes in the spelling table: each word's passage count, up for
    /// articles written, down for the versions they replace and for articles removed (or the
    /// table would offer words no passage holds any more). Xapian looks a word up in its
    /// spelling table on every call, so the batch changes each word once, at commit.
    private var batchSpelling: [String: Int64] = [:]
    /// What the open batch did to each article, for its journal entry (see `ArticleJournal`).
    private var batchChanges: [String: ArticleJournal.Kind] = [:]
    private var articleCount: Int
    private var closed = false
    /// The schema version is written with the first commit, not when the database is created:
    /// a database never committed (revision 0) is what lets a fresh build publish into it.
    private var schemaPending = false
    private var freshBuild: FreshBuild?

    /// Opens (creating if needed) the index for writing.
    ///
    /// - Parameter wait: wait for another writer to release the lock instead of failing.
    public init(layout: IndexLayout, wait: Bool = false) throws(IndexError) {
        self.layout = layout
        do {
            try FileManager.default.createDirectory(atPath: layout.directory, withIntermediateDirectories: true)
        } catch {
            throw IndexError(
                .io, "cannot create the index directory \(layout.directory): \(error.localizedDescription)")
        }
        var options: WritableXapianDatabase.OpenOptions = [.createOrOpen]
        if wait { options.insert(.retryLock) }
        let analyzer: Analyzer
        do {
            database = try Self.open(layout, options: options)
            analyzer = try Analyzer()
        } catch let error as XapianError {
            throw IndexError.from(error, path: layout.directory)
        } catch {
            throw IndexError(.backend, "cannot start the analyzer: \(error)")
        }
        builder = DocumentBuilder(analyzer: analyzer)
        articleCount = 0
        try checkSchema()
        articleCount = try readArticleCount()
        // This writer holds the lock, so no fresh build is running: clear what a killed one left.
        try FreshBuild.removeStale(layout)
    }

    /// Opens (or creates) the writable database. A `db/` without Xapian's version file is what
    /// a first ingest killed while Xapian created the database leaves: nothing was ever
    /// committed there, and Xapian refuses to open or create over it, so every later ingest
    /// failed with "no index". Its files are removed and the database created again. (A writer
    /// creating it at that moment holds the lock, and the first open would have said so.)
    private static func open(
        _ layout: IndexLayout, options: WritableXapianDatabase.OpenOptions
    ) throws(XapianError) -> WritableXapianDatabase {
        do {
            return try WritableXapianDatabase(path: layout.database, options: options)
        } catch {
            guard error.code == .databaseOpening || error.code == .databaseNotFound, !layout.exists,
                let names = try? FileManager.default.contentsOfDirectory(atPath: layout.database)
            else { throw error }
            for name in names where name != "flintlock" {
                try? FileManager.default.removeItem(atPath: layout.database + "/" + name)
            }
            return try WritableXapianDatabase(path: layout.database, options: options)
        }
    }

    deinit {
        freshBuild?.abort()
        if !closed {
            if inTransaction { try? database.cancelTransaction() }
            try? database.close()
        }
    }

    /// Number of articles in the index, including uncommitted changes of this writer.
    public var articles: Int { articleCount }

    /// Turns this writer into a fresh build if the index is brand new (never committed):
    /// articles are then written by one thread per core into blocks, batches commit nothing,
    /// and ``close()`` merges the blocks with Xapian's compactor and publishes the whole index
    /// at once. Until then readers see the empty index; a crash or ``cancelBatch()`` leaves it
    /// empty. Returns false, changing nothing, for an index that has been written before.
    @discardableResult
    public func beginFreshBuild() throws(IndexError) -> Bool {
        try beginFreshBuild(blockPassages: FreshBuild.defaultBlockPassages)
    }

    /// ``beginFreshBuild()`` with blocks of `blockPassages` passages (tests use small ones).
    func beginFreshBuild(blockPassages: Int) throws(IndexError) -> Bool {
        guard freshBuild == nil, !inTransaction, !closed, articleCount == 0 else { return false }
        let revision = try guarded { () throws(XapianError) in try database.readView().revision() }
        guard revision == 0 else { return false }
        freshBuild = try FreshBuild(
            layout: layout, threads: max(1, min(Self.maximumThreads, ProcessInfo.processInfo.activeProcessorCount)),
            blockPassages: blockPassages)
        return true
    }

    /// Writer threads of a fresh build at most, however many cores there are: each holds an
    /// analyzer and a block's postings in memory.
    static let maximumThreads = 4

    /// The record of article `id` as the index holds it now (including this writer's batch).
    /// During a fresh build nothing is readable before it is published: the answer is nil.
    public func record(of id: String) throws(IndexError) -> ArticleRecord? {
        guard freshBuild == nil else { return nil }
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

    /// Every article id in the index, sorted.
    public func articleIDs() throws(IndexError) -> [String] {
        guard freshBuild == nil else { return [] }
        let keys = try guarded { () throws(XapianError) in
            try database.readView().metadataKeys(prefix: IndexMetadata.articlePrefix)
        }
        return keys.map { String($0.dropFirst(IndexMetadata.articlePrefix.count)) }
    }

    /// Starts a batch if none is open.
    public func beginBatch() throws(IndexError) {
        guard !inTransaction, freshBuild == nil else { return }
        try guarded { () throws(XapianError) in try database.beginTransaction(flushed: true) }
        inTransaction = true
    }

    /// Commits the open batch: all its article changes become visible at once.
    public func commitBatch() throws(IndexError) {
        guard inTransaction else { return }
        try guarded { () throws(XapianError) in
            try flushSpelling()
            if schemaPending {
                try database.setMetadata(IndexMetadata.schemaKey, Array(IndexMetadata.schemaVersion.utf8))
            }
            try writeJournalEntry()
            try database.setMetadata(IndexMetadata.articleCountKey, Array(String(articleCount).utf8))
            try database.commitTransaction()
        }
        inTransaction = false
        schemaPending = false
    }

    /// Drops the open batch, leaving the index as it was at the last commit. A fresh build is
    /// dropped whole, leaving the index empty.
    public func cancelBatch() throws(IndexError) {
        if let freshBuild {
            freshBuild.abort()
            self.freshBuild = nil
            articleCount = 0
            return
        }
        guard inTransaction else { return }
        inTransaction = false
        batchSpelling.removeAll(keepingCapacity: true)
        batchChanges.removeAll(keepingCapacity: true)
        try guarded { () throws(XapianError) in try database.cancelTransaction() }
        articleCount = try readArticleCount()
    }

    /// Adds `article`, replacing every passage of an earlier version. Returns true if it replaced one.
    @discardableResult
    public func replace(_ article: Article) throws(IndexError) -> Bool {
        if let freshBuild {
            let existed = try freshBuild.replace(article)
            articleCount = freshBuild.articles
            return existed
        }
        try beginBatch()
        let existed = try record(of: article.id) != nil
        if existed { try takeBackSpelling(of: article.id) }
        try guarded { () throws(XapianError) in try builder.write(article, into: database, replacing: true) }
        for (word, count) in builder.spellingWords { batchSpelling[word, default: 0] += Int64(count) }
        ArticleJournal.record(existed ? .updated : .added, article.id, into: &batchChanges)
        if !existed { articleCount += 1 }
        return existed
    }

    /// Removes article `id` and its passages. Returns false if it was not in the index.
    @discardableResult
    public func remove(articleID id: String) throws(IndexError) -> Bool {
        if let freshBuild {
            let removed = freshBuild.remove(id)
            articleCount = freshBuild.articles
            return removed
        }
        try beginBatch()
        guard try record(of: id) != nil else { return false }
        try takeBackSpelling(of: id)
        try guarded { () throws(XapianError) in
            try database.deleteDocuments(withTerm: Schema.articleTerm(id))
            try database.setMetadata(IndexMetadata.articleKey(id), [])
        }
        ArticleJournal.record(.removed, id, into: &batchChanges)
        articleCount -= 1
        return true
    }

    /// Commits any open batch (publishes a fresh build) and releases the write lock.
    public func close() throws(IndexError) {
        guard !closed else { return }
        if let freshBuild {
            // After publishing, `database` describes the empty index it replaced: it has no
            // change to write, and closing it only releases the lock.
            _ = try freshBuild.publish()
            self.freshBuild = nil
        }
        try commitBatch()
        try guarded { () throws(XapianError) in try database.close() }
        closed = true
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

    /// Counts down the spelling words the stored version of article `id` added.
    private func takeBackSpelling(of id: String) throws(IndexError) {
        let words: [String: UInt32]
        do {
            words = try builder.storedSpellingWords(of: id, in: database.readView())
        } catch let error as IndexError {
            throw error
        } catch let error as XapianError {
            throw IndexError.from(error, path: layout.directory)
        } catch {
            throw IndexError(.backend, "cannot read the stored passages of article \(id): \(error)")
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
