import Dispatch
import Foundation
import PassimArticles
import PassimXapian

/// The sink of a sharded index: each article goes to the shard its id routes to
/// (`ShardRouting`), written by that shard's thread (`ShardWorker`), and the catalog keeps the
/// records, spelling, synonyms, counts, roots and journal.
///
/// A batch commits every shard it changed (in parallel), each with its `ShardDelta`, then the
/// catalog, which records the shard revisions it has applied. Each article lives in one shard,
/// so a kill at any moment leaves it old or new; a catalog left behind a shard is brought up to
/// it from the shard's delta when the next writer opens the index (`recover`).
final class ShardedWriter: CatalogBackedSink {
    /// The catalog metadata key holding the shard count.
    static let shardCountKey = "passim:shards"

    let layout: IndexLayout
    private let catalogDatabase: WritableXapianDatabase
    let catalog: CatalogTables
    private let workers: [ShardWorker]
    /// The caller's part of each shard's delta in the open batch: records, kinds and counts.
    private var deltas: [ShardDelta]
    private var inTransaction = false

    /// Opens the shards listed by the stub of `layout` for writing, beside the catalog
    /// `catalogDatabase` (whose lock is the index's), and brings the catalog up to the shards.
    init(layout: IndexLayout, catalog catalogDatabase: WritableXapianDatabase, stub: ShardStub) throws(IndexError) {
        self.layout = layout
        self.catalogDatabase = catalogDatabase
        catalog = try CatalogTables(layout: layout, database: catalogDatabase)
        var workers: [ShardWorker] = []
        for (number, location) in stub.shards.enumerated() {
            guard case .local(let relative) = location else {
                throw IndexError(
                    .shardLayout,
                    "shard \(number) of \(layout.directory) is \(location): ingest on the host that holds the shards, "
                        + "whose shard list names local folders")
            }
            let path = ShardStub.resolve(relative, in: layout)
            do {
                let database = try WritableXapianDatabase(path: path, options: [.createOrOpen])
                workers.append(try ShardWorker(number: number, path: path, database: database))
            } catch let error as XapianError {
                throw IndexError.from(error, path: path)
            } catch {
                throw IndexError.mapping(error, path: path, context: "cannot open shard \(number)")
            }
        }
        self.workers = workers
        deltas = Array(repeating: ShardDelta(), count: workers.count)
        try checkShardCount()
        try recover()
    }

    func replace(_ article: Article) throws(IndexError) -> Bool {
        try beginBatch()
        let previous = try record(of: article.id)
        let kind: ArticleJournal.Kind = previous == nil ? .added : .updated
        let bytes = ArticleRecord(article: article).encoded()
        let shard = ShardRouting.shard(of: article.id, count: workers.count)
        try catalog.guarded { () throws(XapianError) in try catalog.setRecord(article.id, bytes, kind: kind) }
        deltas[shard].record(kind, article.id, bytes: bytes)
        workers[shard].replace(article, previous: previous)
        return previous != nil
    }

    func remove(articleID id: String) throws(IndexError) -> Bool {
        try beginBatch()
        guard let previous = try record(of: id) else { return false }
        let shard = ShardRouting.shard(of: id, count: workers.count)
        try catalog.guarded { () throws(XapianError) in try catalog.setRecord(id, [], kind: .removed) }
        deltas[shard].record(.removed, id, bytes: [])
        workers[shard].remove(previous)
        return true
    }

    /// Commits the shards the batch changed, in parallel, then the catalog.
    func commit() throws(IndexError) {
        guard inTransaction else { return }
        for worker in workers { try worker.drain() }
        let outcomes = ShardOutcomes(count: workers.count)
        let group = DispatchGroup()
        for (number, worker) in workers.enumerated() {
            group.enter()
            worker.commit(deltas[number]) { outcome in
                outcomes.set(number, outcome)
                group.leave()
            }
        }
        group.wait()
        deltas = Array(repeating: ShardDelta(), count: workers.count)
        var applied: [(Int, UInt64)] = []
        for number in workers.indices {
            switch outcomes.get(number) {
            case .failure(let error)?:
                // Shards that did commit are ahead of the catalog: the next writer applies them.
                try? cancel()
                throw error
            case .success(let committed?)?:
                for (word, change) in committed.0.spelling { catalog.spelling[word, default: 0] += change }
                try catalog.guarded { () throws(XapianError) in
                    for entry in committed.0.synonyms { try catalogDatabase.addSynonym(entry.key, entry.synonym) }
                }
                applied.append((number, committed.1))
            case .success(nil)?, nil:
                continue
            }
        }
        try catalog.guarded { () throws(XapianError) in
            for (number, revision) in applied {
                try catalogDatabase.setMetadata(ShardDelta.appliedKey(number), Array(String(revision).utf8))
            }
            try catalog.writePending()
            try catalogDatabase.commitTransaction()
        }
        inTransaction = false
        catalog.committed()
    }

    func cancel() throws(IndexError) {
        for worker in workers { worker.cancel() }
        deltas = Array(repeating: ShardDelta(), count: workers.count)
        guard inTransaction else { return }
        inTransaction = false
        try catalog.guarded { () throws(XapianError) in try catalogDatabase.cancelTransaction() }
        try catalog.reload()
    }

    func finish() throws(IndexError) {
        try commit()
    }

    /// Releases the shards' locks (the catalog's is the index writer's).
    func close() throws(IndexError) {
        for worker in workers { try worker.close() }
    }

    func beginBatch() throws(IndexError) {
        guard !inTransaction else { return }
        try catalog.guarded { () throws(XapianError) in try catalogDatabase.beginTransaction(flushed: true) }
        inTransaction = true
    }

    /// Refuses a stub whose shard count is not the one the index was created with: articles
    /// would be looked for in the wrong shards.
    private func checkShardCount() throws(IndexError) {
        let stored = try catalog.guarded { () throws(XapianError) in
            try catalogDatabase.readView().metadata(Self.shardCountKey)
        }
        let count = String(workers.count)
        if stored.isEmpty {
            try catalog.guarded { () throws(XapianError) in
                try catalogDatabase.setMetadata(Self.shardCountKey, Array(count.utf8))
                try catalogDatabase.commit()
            }
        } else if stored != Array(count.utf8) {
            throw IndexError(
                .shardLayout,
                "the index at \(layout.directory) was made with \(String(decoding: stored, as: UTF8.self)) shards "
                    + "and its shard list names \(count): the shard count is fixed when the index is created")
        }
    }

    /// Brings the catalog up to every shard that committed after it (a writer killed between
    /// a shard's commit and the catalog's): the shard's stored delta is applied and committed.
    private func recover() throws(IndexError) {
        var caughtUp = false
        for worker in workers {
            guard
                let (revision, delta) = try worker.unappliedDelta(
                    catalog: catalogDatabase.readView(), directory: layout.directory)
            else { continue }
            if !caughtUp { try beginBatch() }
            caughtUp = true
            try apply(delta)
            try catalog.guarded { () throws(XapianError) in
                try catalogDatabase.setMetadata(ShardDelta.appliedKey(worker.number), Array(String(revision).utf8))
            }
        }
        if caughtUp { try commit() }
    }

    private func apply(_ delta: ShardDelta) throws(IndexError) {
        try catalog.guarded { () throws(XapianError) in
            for id in delta.records.keys.sorted() {
                guard let change = delta.records[id] else { continue }
                try catalog.setRecord(id, change.record, kind: change.kind)
            }
            for entry in delta.synonyms { try catalogDatabase.addSynonym(entry.key, entry.synonym) }
        }
        for (word, change) in delta.spelling { catalog.spelling[word, default: 0] += change }
    }
}

/// The outcomes of a batch's shard commits, set from the shards' threads.
private final class ShardOutcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [Result<(ShardDelta, UInt64)?, IndexError>?]

    init(count: Int) {
        outcomes = Array(repeating: nil, count: count)
    }

    func set(_ number: Int, _ outcome: Result<(ShardDelta, UInt64)?, IndexError>) {
        lock.withLock { outcomes[number] = outcome }
    }

    func get(_ number: Int) -> Result<(ShardDelta, UInt64)?, IndexError>? {
        lock.withLock { outcomes[number] }
    }
}
