import Foundation
import PassimAnalysis
import PassimArticles
import PassimXapian

/// The single writer of an index: adds, replaces and removes whole articles atomically.
///
/// Changes are grouped into batches; each batch is one Xapian transaction, so a reader (or a
/// crash) sees every article of a batch in its old or its new version, never a mix of an
/// article's passages. Not thread safe.
public final class IndexWriter {
    public let layout: IndexLayout
    private let database: WritableXapianDatabase
    private let builder: DocumentBuilder
    private let analyzer: Analyzer
    private var inTransaction = false
    /// Spelling words of the open batch with their counts. Xapian looks a word up in its
    /// spelling table on every add_spelling call, so the batch adds each word once, at commit.
    private var batchSpelling: [String: UInt32] = [:]
    private var articleCount: Int
    private var closed = false

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
        do {
            database = try WritableXapianDatabase(path: layout.database, options: options)
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
    }

    deinit {
        if !closed {
            if inTransaction { try? database.cancelTransaction() }
            try? database.close()
        }
    }

    /// Number of articles in the index, including uncommitted changes of this writer.
    public var articles: Int { articleCount }

    /// The record of article `id` as the index holds it now (including this writer's batch).
    public func record(of id: String) throws(IndexError) -> ArticleRecord? {
        let bytes = try guarded { () throws(XapianError) in
            try database.readView().metadata(IndexMetadata.articleKey(id))
        }
        guard !bytes.isEmpty else { return nil }
        return try? ArticleRecord.decode(bytes)
    }

    /// Every article id in the index, sorted.
    public func articleIDs() throws(IndexError) -> [String] {
        let keys = try guarded { () throws(XapianError) in
            try database.readView().metadataKeys(prefix: IndexMetadata.articlePrefix)
        }
        return keys.map { String($0.dropFirst(IndexMetadata.articlePrefix.count)) }
    }

    /// Starts a batch if none is open.
    public func beginBatch() throws(IndexError) {
        guard !inTransaction else { return }
        try guarded { () throws(XapianError) in try database.beginTransaction(flushed: true) }
        inTransaction = true
    }

    /// Commits the open batch: all its article changes become visible at once.
    public func commitBatch() throws(IndexError) {
        guard inTransaction else { return }
        try guarded { () throws(XapianError) in
            try flushSpelling()
            try database.setMetadata(IndexMetadata.articleCountKey, Array(String(articleCount).utf8))
            try database.commitTransaction()
        }
        inTransaction = false
    }

    /// Drops the open batch, leaving the index as it was at the last commit.
    public func cancelBatch() throws(IndexError) {
        guard inTransaction else { return }
        inTransaction = false
        batchSpelling.removeAll(keepingCapacity: true)
        try guarded { () throws(XapianError) in try database.cancelTransaction() }
        articleCount = try readArticleCount()
    }

    /// Adds `article`, replacing every passage of an earlier version. Returns true if it replaced one.
    @discardableResult
    public func replace(_ article: Article) throws(IndexError) -> Bool {
        try beginBatch()
        let existed = try record(of: article.id) != nil
        let documents = try guarded { () throws(XapianError) in try builder.documents(for: article) }
        let record = ArticleRecord(article: article)
        let recordBytes: [UInt8]
        do {
            recordBytes = try record.encoded()
        } catch {
            preconditionFailure("encoding an ArticleRecord cannot fail: \(error)")
        }
        try guarded { () throws(XapianError) in
            try database.deleteDocuments(withTerm: Schema.articleTerm(article.id))
            for document in documents {
                try database.add(document)
            }
            try addSynonyms(for: article.acronyms)
            try database.setMetadata(IndexMetadata.articleKey(article.id), recordBytes)
        }
        batchSpelling.merge(builder.spellingWords, uniquingKeysWith: +)
        if !existed { articleCount += 1 }
        return existed
    }

    /// Removes article `id` and its passages. Returns false if it was not in the index.
    @discardableResult
    public func remove(articleID id: String) throws(IndexError) -> Bool {
        try beginBatch()
        guard try record(of: id) != nil else { return false }
        try guarded { () throws(XapianError) in
            try database.deleteDocuments(withTerm: Schema.articleTerm(id))
            try database.setMetadata(IndexMetadata.articleKey(id), [])
        }
        articleCount -= 1
        return true
    }

    /// Commits any open batch and releases the write lock.
    public func close() throws(IndexError) {
        guard !closed else { return }
        try commitBatch()
        try guarded { () throws(XapianError) in try database.close() }
        closed = true
    }

    /// Adds the batch's spelling words, in order: sorted keys walk Xapian's spelling B-tree
    /// sequentially.
    private func flushSpelling() throws(XapianError) {
        for word in batchSpelling.keys.sorted() {
            if let count = batchSpelling[word] {
                try database.addSpelling(word, frequency: count)
            }
        }
        batchSpelling.removeAll(keepingCapacity: true)
    }

    /// Learns acronyms as synonyms both ways, keyed by normalized words joined by spaces.
    private func addSynonyms(for acronyms: [Acronym]) throws(XapianError) {
        for acronym in acronyms {
            let short = normalizedPhrase(acronym.short)
            let long = normalizedPhrase(acronym.long)
            guard !short.isEmpty, !long.isEmpty, short != long else { continue }
            try database.addSynonym(short, long)
            try database.addSynonym(long, short)
        }
    }

    private func normalizedPhrase(_ text: String) -> String {
        analyzer.analyze(text).tokens.map(\.term).joined(separator: " ")
    }

    private func checkSchema() throws(IndexError) {
        let stored = try guarded { () throws(XapianError) in
            try database.readView().metadata(IndexMetadata.schemaKey)
        }
        if stored.isEmpty {
            try guarded { () throws(XapianError) in
                try database.setMetadata(IndexMetadata.schemaKey, Array(IndexMetadata.schemaVersion.utf8))
                try database.commit()
            }
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
