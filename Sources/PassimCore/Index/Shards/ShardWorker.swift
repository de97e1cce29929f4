import Dispatch
import PassimAnalysis
import PassimArticles
import PassimXapian

/// One shard of a sharded index being written: its database and a thread of its own that
/// analyzes and writes the articles routed to it, so the shards of a batch are written in
/// parallel. Each batch is one Xapian transaction of the shard.
///
/// Everything it owns is touched only on its serial queue; callers hand it work and wait with
/// `drain`, hence unchecked `Sendable`.
final class ShardWorker: @unchecked Sendable {
    let number: Int
    let path: String
    private let database: WritableXapianDatabase
    private let builder: DocumentBuilder
    private let queue: DispatchQueue
    /// Bounds the articles waiting for this shard, so memory stays bounded when the caller
    /// reads faster than the shard writes.
    private let slots = DispatchSemaphore(value: 64)
    private var inTransaction = false
    /// The spelling counts and synonyms of the open batch (the rest of the shard's delta is
    /// the caller's: records, journal kinds, counts).
    private var spelling: [String: Int64] = [:]
    private var synonyms: [ShardDelta.Synonym] = []
    /// The first failure of the open batch; the batch's later work is skipped.
    private var failure: IndexError?

    init(number: Int, path: String, database: WritableXapianDatabase) throws(IndexError) {
        self.number = number
        self.path = path
        self.database = database
        do {
            builder = DocumentBuilder(analyzer: try Analyzer())
        } catch {
            throw IndexError(.backend, "cannot start the analyzer: \(error)")
        }
        queue = DispatchQueue(label: "passim.shard.\(number)")
    }

    /// The shard's last commit and its revision when `catalog` has not applied it yet (see
    /// `ShardDelta.unapplied`); call when no work is pending.
    func unappliedDelta(catalog: XapianDatabase, directory: String) throws(IndexError) -> (
        revision: UInt64, delta: ShardDelta
    )? {
        do {
            return try ShardDelta.unapplied(shard: number, database.readView(), catalog: catalog, directory: directory)
        } catch {
            throw IndexError.mapping(error, path: path, context: "cannot read shard \(number)")
        }
    }

    /// Writes `article` in place of `previous` (its stored version, whose spelling words are
    /// taken back), on the shard's thread.
    func replace(_ article: Article, previous: ArticleRecord?) {
        submit { worker throws(IndexError) in
            if let previous {
                try worker.builder.takeBackSpelling(
                    of: previous, in: worker.database, path: worker.path, from: &worker.spelling)
            }
            try worker.guarded { () throws(XapianError) in
                try worker.builder.writePassages(of: article, into: worker.database, replacing: true)
            }
            for (word, count) in worker.builder.spellingWords { worker.spelling[word, default: 0] += Int64(count) }
            for (key, synonym) in worker.builder.synonymPairs(for: article.acronyms) {
                worker.synonyms.append(ShardDelta.Synonym(key: key, synonym: synonym))
            }
        }
    }

    /// Deletes the passages of `previous`'s article, on the shard's thread.
    func remove(_ previous: ArticleRecord) {
        submit { worker throws(IndexError) in
            try worker.builder.takeBackSpelling(
                of: previous, in: worker.database, path: worker.path, from: &worker.spelling)
            try worker.guarded { () throws(XapianError) in
                try worker.database.deleteDocuments(withTerm: Schema.articleTerm(previous.id))
            }
        }
    }

    /// Waits for the work handed over so far; throws the batch's first failure.
    func drain() throws(IndexError) {
        let failure = queue.sync { self.failure }
        if let failure { throw failure }
    }

    /// Commits the open batch with `delta` (the caller's part, completed here with the
    /// batch's spelling and synonyms) stored beside it. Returns the completed delta and the
    /// new revision, or nil when the batch changed nothing. Runs on the shard's thread;
    /// `done` gets the outcome there.
    func commit(_ delta: ShardDelta, done: @escaping @Sendable (Result<(ShardDelta, UInt64)?, IndexError>) -> Void) {
        queue.async {
            if let failure = self.failure { return done(.failure(failure)) }
            // Every piece of work opens the batch's transaction: one open means a change.
            guard self.inTransaction else { return done(.success(nil)) }
            var complete = delta
            complete.spelling = self.spelling
            complete.synonyms = self.synonyms
            do throws(IndexError) {
                let revision = try self.guarded { () throws(XapianError) in
                    try self.database.setMetadata(ShardDelta.metadataKey, complete.encoded())
                    try self.database.commitTransaction()
                    return try self.database.readView().revision()
                }
                self.reset()
                done(.success((complete, revision)))
            } catch {
                done(.failure(error))
            }
        }
    }

    /// Drops the open batch.
    func cancel() {
        queue.sync {
            if self.inTransaction { try? self.database.cancelTransaction() }
            self.reset()
        }
    }

    /// Releases the shard's lock.
    func close() throws(IndexError) {
        let outcome = queue.sync { () -> Result<Void, IndexError> in
            do throws(IndexError) {
                return .success(try guarded { () throws(XapianError) in try database.close() })
            } catch {
                return .failure(error)
            }
        }
        try outcome.get()
    }

    private func reset() {
        inTransaction = false
        failure = nil
        spelling.removeAll(keepingCapacity: true)
        synonyms.removeAll(keepingCapacity: true)
    }

    private func submit(_ work: @escaping @Sendable (ShardWorker) throws(IndexError) -> Void) {
        slots.wait()
        queue.async {
            defer { self.slots.signal() }
            guard self.failure == nil else { return }
            do throws(IndexError) {
                if !self.inTransaction {
                    try self.guarded { () throws(XapianError) in try self.database.beginTransaction(flushed: true) }
                    self.inTransaction = true
                }
                try work(self)
            } catch {
                self.failure = error
            }
        }
    }

    private func guarded<T>(_ body: () throws(XapianError) -> T) throws(IndexError) -> T {
        do {
            return try body()
        } catch {
            throw IndexError.from(error, path: path)
        }
    }
}
