import Foundation
import PassimAnalysis
import PassimArticles
import PassimXapian

/// The sink of an index that has been written before: changes are grouped into batches, each
/// batch one Xapian transaction, so a reader (or a crash) sees every article of a batch in its
/// old or its new version, never a mix of an article's passages. Each commit also writes the
/// batch's spelling changes, its journal entry and the article count (`CatalogTables`).
final class TransactionalWriter: CatalogBackedSink {
    let layout: IndexLayout
    private let database: WritableXapianDatabase
    private let builder: DocumentBuilder
    /// Records, spelling counts and the journal: a single index keeps them in its database.
    let catalog: CatalogTables
    private(set) var inTransaction = false

    init(layout: IndexLayout, database: WritableXapianDatabase, builder: DocumentBuilder) throws(IndexError) {
        self.layout = layout
        self.database = database
        self.builder = builder
        catalog = try CatalogTables(layout: layout, database: database)
    }

    /// Starts a batch if none is open.
    func beginBatch() throws(IndexError) {
        guard !inTransaction else { return }
        try catalog.guarded { () throws(XapianError) in try database.beginTransaction(flushed: true) }
        inTransaction = true
    }

    func commit() throws(IndexError) {
        guard inTransaction else { return }
        try catalog.guarded { () throws(XapianError) in
            try catalog.writePending()
            try database.commitTransaction()
        }
        inTransaction = false
        catalog.committed()
    }

    func cancel() throws(IndexError) {
        guard inTransaction else { return }
        inTransaction = false
        try catalog.guarded { () throws(XapianError) in try database.cancelTransaction() }
        try catalog.reload()
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
        if let previous { try takeBackSpelling(of: previous) }
        try catalog.guarded { () throws(XapianError) in
            try builder.writePassages(of: article, into: database, replacing: true)
            for (key, synonym) in builder.synonymPairs(for: article.acronyms) {
                try database.addSynonym(key, synonym)
            }
            try catalog.setRecord(
                article.id, ArticleRecord(article: article).encoded(), kind: previous == nil ? .added : .updated)
        }
        for (word, count) in builder.spellingWords { catalog.spelling[word, default: 0] += Int64(count) }
        return previous != nil
    }

    func remove(articleID id: String) throws(IndexError) -> Bool {
        try beginBatch()
        guard let previous = try record(of: id) else { return false }
        try takeBackSpelling(of: previous)
        try catalog.guarded { () throws(XapianError) in
            try database.deleteDocuments(withTerm: Schema.articleTerm(id))
            try catalog.setRecord(id, [], kind: .removed)
        }
        return true
    }

    /// Counts down the spelling words the stored version of an article (its `record`) added.
    private func takeBackSpelling(of record: ArticleRecord) throws(IndexError) {
        try builder.takeBackSpelling(of: record, in: database, path: layout.directory, from: &catalog.spelling)
    }
}
