import Foundation
import PassimAnalysis
import PassimArticles
import PassimXapian

/// A brand-new index built the fast way Xapian allows, then published at once.
///
/// Articles are gathered into blocks of consecutive articles; ``BlockWriters`` threads (one per
/// core) write each block into a database of its own, without fsync, in `db.build/` next to
/// the index's database. Publishing merges the blocks in input order with Xapian's compactor
/// (so documents are numbered, and equal scores ordered, as one writer would have done it, and
/// the index is smaller than one grown commit by commit), writes the index metadata, then moves
/// the table files into `db/` and the version file (`iamglass`) last.
///
/// Why that move is safe: the index's own database has never been committed (revision 0),
/// so its version file names no block of any table and readers of it never read the table
/// files. Until the new version file replaces it, the index is the empty one, whatever table
/// files have moved (a crash leaves an empty index and a stale `db.build/`, removed by the
/// next writer); after it, readers that reopen see the whole new index. The write lock is the
/// `flintlock` in `db/`, which stays, so other writers wait as for any ingest.
final class FreshBuild {
    /// Passages per block: small enough to keep both cores busy to the end, large enough to
    /// keep the compactor's sources few.
    static let defaultBlockPassages = 4_000
    /// The first block's passages: blocks double from here to the full size, so a small input
    /// is still spread over every writer thread.
    static let firstBlockPassages = 500
    /// Databases merged by one compaction at most (each holds a file descriptor per table);
    /// more are merged in rounds.
    static let maximumSources = 128

    let layout: IndexLayout
    /// A block is handed to the writers once it has this many passages (the first ones fewer).
    let blockPassages: Int
    private var nextBlockPassages: Int
    /// The folder of the blocks, next to the index's database.
    let directory: String
    private let writers: BlockWriters
    private let threads: Int
    private var current = ArticleBlock(sequence: 0)
    /// The block of every article in the build (its first, when it is spread over several).
    private var owners: [String: Int] = [:]
    /// The blocks after the first of an article spread over several.
    private var spread: [String: [Int]] = [:]
    /// Articles to delete from blocks already handed to the writers: replaced or removed later.
    private var superseded: [Int: [String]] = [:]

    /// The build folder of `layout`.
    static func directory(of layout: IndexLayout) -> String { layout.database + ".build" }

    /// Starts `threads` block writers in a new build folder.
    init(layout: IndexLayout, threads: Int, blockPassages: Int = defaultBlockPassages) throws(IndexError) {
        precondition(threads >= 1 && blockPassages >= 1, "a fresh build needs a writer thread and blocks")
        self.layout = layout
        self.blockPassages = blockPassages
        nextBlockPassages = min(blockPassages, Self.firstBlockPassages)
        directory = Self.directory(of: layout)
        self.threads = threads
        try Self.removeStale(layout)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw IndexError(.io, "cannot create \(directory) for a fresh build: \(error.localizedDescription)")
        }
        writers = BlockWriters(threads: threads, directory: directory)
    }

    deinit {
        abort()
    }

    /// Articles in the build.
    var articles: Int { owners.count }

    /// Adds `article`. Returns true if the build already had it (that version is replaced).
    func replace(_ article: Article) throws(IndexError) -> Bool {
        let existed = drop(article.id)
        owners[article.id] = current.sequence
        current.append(ArticleShare(article))
        if current.passages >= nextBlockPassages {
            try submitCurrent()
            nextBlockPassages = min(blockPassages, nextBlockPassages * 2)
        }
        return existed
    }

    /// Drops article `id`. Returns false if the build does not have it.
    func remove(_ id: String) -> Bool {
        drop(id)
    }

    /// Waits for the writers, merges the blocks and moves the result into `layout.database`,
    /// whose writer must hold the lock, have revision 0 and write nothing afterwards. Returns
    /// false (publishing nothing) when the build has no article.
    func publish(roots: CorpusRoots) throws(IndexError) -> Bool {
        try submitLast()
        let blocks = try writers.finish()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        guard !owners.isEmpty else { return false }
        let merged = directory + "/merged"
        do {
            try deleteSuperseded(in: blocks)
            try compact(blocks.keys.sorted().compactMap { blocks[$0] }, into: merged)
            // The index's own metadata, written once here; the commit also fsyncs the tables.
            let database = try WritableXapianDatabase(path: merged, options: [.createOrOpen])
            try database.setMetadata(IndexMetadata.schemaKey, Array(IndexMetadata.schemaVersion.utf8))
            try database.setMetadata(IndexMetadata.articleCountKey, Array(String(owners.count).utf8))
            try database.setMetadata(CorpusRoots.metadataKey, roots.encoded())
            // A new journal with no entry: a reader of the empty index compares the records.
            try database.setMetadata(ArticleJournal.positionKey, ArticleJournal.bytes(of: ArticleJournal.start()))
            try database.commit()
            try database.close()
        } catch {
            throw IndexError(.backend, "the fresh build cannot merge its blocks in \(directory): \(error)")
        }
        try GlassFiles.publish(merged, into: layout.database)
        return true
    }

    /// Stops the writers and removes the build folder.
    func abort() {
        writers.abort()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Removes what a fresh build that was killed left behind; the caller holds the lock.
    static func removeStale(_ layout: IndexLayout) throws(IndexError) {
        let stale = directory(of: layout)
        guard FileManager.default.fileExists(atPath: stale) else { return }
        do {
            try FileManager.default.removeItem(atPath: stale)
        } catch {
            throw IndexError(
                .io, "cannot remove \(stale) left by an interrupted ingest: \(error.localizedDescription)")
        }
    }

    /// Forgets article `id`: out of the current block, or marked for deletion from its block.
    private func drop(_ id: String) -> Bool {
        guard let block = owners.removeValue(forKey: id) else { return false }
        if block == current.sequence {
            current.shares.removeAll { $0.article.id == id }
            current.passages = current.shares.reduce(0) { $0 + $1.passages.count }
        } else {
            for sequence in [block] + (spread.removeValue(forKey: id) ?? []) {
                superseded[sequence, default: []].append(id)
            }
        }
        return true
    }

    /// Hands the last block to the writers in as many parts as there are writers, so that they
    /// all finish at about the same time. Nothing changes the build afterwards.
    private func submitLast() throws(IndexError) {
        try submitCurrent(parts: threads)
    }

    /// Hands the current block to the writers: in as many parts as there are writers when it
    /// is the last one or holds an article bigger than a block (one huge file would otherwise
    /// keep one writer busy and the others idle), whole otherwise.
    private func submitCurrent(parts: Int = 1) throws(IndexError) {
        let huge = current.shares.contains { $0.passages.count > blockPassages }
        let blocks = Self.split(current, into: huge ? max(parts, threads) : parts)
        for block in blocks {
            for share in block.shares {
                if share.passages.lowerBound == 0 {
                    owners[share.article.id] = block.sequence
                } else {
                    spread[share.article.id, default: []].append(block.sequence)
                }
            }
            try submit(block)
        }
        current = ArticleBlock(sequence: (blocks.last?.sequence ?? current.sequence) + 1)
    }

    /// `block` cut into `count` blocks of about as many passages each, numbered on from its
    /// sequence, in order; an article may be cut between two of them.
    static func split(_ block: ArticleBlock, into count: Int) -> [ArticleBlock] {
        guard count > 1 else { return [block] }
        let size = block.passages / count + 1
        var blocks: [ArticleBlock] = []
        var part = ArticleBlock(sequence: block.sequence)
        for share in block.shares {
            var start = share.passages.lowerBound
            repeat {
                let take = min(share.passages.upperBound - start, size - part.passages)
                part.append(ArticleShare(share.article, passages: start..<(start + take)))
                start += take
                if part.passages >= size {
                    blocks.append(part)
                    part = ArticleBlock(sequence: part.sequence + 1)
                }
            } while start < share.passages.upperBound
        }
        if !part.shares.isEmpty { blocks.append(part) }
        return blocks
    }

    private func submit(_ block: ArticleBlock) throws(IndexError) {
        guard !block.shares.isEmpty else { return }
        try writers.submit(block)
    }

    /// Deletes from finished blocks the articles a later change replaced or removed, with the
    /// spelling words they added to their block.
    private func deleteSuperseded(in blocks: [Int: String]) throws {
        guard !superseded.isEmpty else { return }
        let builder = DocumentBuilder(analyzer: try Analyzer())
        for (sequence, ids) in superseded {
            guard let path = blocks[sequence] else { continue }
            let database = try WritableXapianDatabase(path: path, options: [.createOrOpen, .noSync])
            for id in ids {
                let stored = try database.readView().metadata(IndexMetadata.articleKey(id))
                if !stored.isEmpty {
                    let words = try builder.storedSpellingWords(
                        of: ArticleRecord.decode(stored), in: database.readView())
                    for word in words.keys.sorted() {
                        try database.removeSpelling(word, frequency: words[word, default: 0])
                    }
                }
                try database.deleteDocuments(withTerm: Schema.articleTerm(id))
                try database.setMetadata(IndexMetadata.articleKey(id), [])
            }
            try database.commit()
            try database.close()
        }
    }

    /// Merges `sources` in order into a new database at `destination`, in rounds of at most
    /// ``maximumSources``.
    private func compact(_ sources: [String], into destination: String) throws(XapianError) {
        var sources = sources
        var round = 0
        while sources.count > Self.maximumSources {
            var next: [String] = []
            for start in stride(from: 0, to: sources.count, by: Self.maximumSources) {
                let group = Array(sources[start..<min(start + Self.maximumSources, sources.count)])
                let path = directory + "/round-\(round)-\(next.count)"
                try xapianCompact(sources: group, destination: path, keepDocumentIDs: false)
                next.append(path)
            }
            sources = next
            round += 1
        }
        try xapianCompact(sources: sources, destination: destination, keepDocumentIDs: false)
    }
}
