import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PassimAnalysis
import PassimArticles
import PassimXapian

/// A run of consecutive articles of a fresh build, written into a database of its own.
struct ArticleBlock: Sendable {
    /// Place of the block in the input: the compactor merges blocks in this order, so documents
    /// are numbered as a single writer would have numbered them.
    var sequence: Int
    var shares: [ArticleShare] = []
    var passages = 0

    mutating func append(_ share: ArticleShare) {
        shares.append(share)
        passages += share.passages.count
    }
}

/// An article, or the part of its passages one block writes (a huge article is spread over
/// several blocks so that every writer thread works on it).
struct ArticleShare: Sendable {
    var article: Article
    var passages: Range<Int>

    init(_ article: Article, passages: Range<Int>? = nil) {
        self.article = article
        self.passages = passages ?? article.passages.indices
    }
}

/// The writer threads of a fresh build: an `NIOThreadPool` that turns each ``ArticleBlock``
/// into documents (with an analyzer of its own) and writes them, with the block's spelling
/// words, to a database of the block's own, without fsync.
///
/// The hand-off is bounded: at most two blocks per thread are in flight (one being written, one
/// waiting), and `submit` waits for the oldest before it hands over another, so memory stays
/// bounded whatever the input's size. A failure stops the build at the next hand-off.
///
/// A block's spelling words are added once, just before its last commit. Xapian rewrites every
/// spelling list a commit touches, so one growing spelling table committed again and again
/// costs more the bigger it gets (in a plain ingest most of the time goes there); the compactor
/// merges the lists of many small tables in one pass.
final class BlockWriters {
    /// Documents written between commits of a block. Xapian's own default (10,000) holds more
    /// postings in memory and was no faster (BENCHMARKS.md, "Levers measured and left"); without
    /// fsync a commit is cheap.
    static let commitEvery = 2_000
    /// Spelling words added between commits of a block (see `write`).
    static let spellingWordsPerCommit = 50_000

    private let pool: NIOThreadPool
    private let directory: String
    private let capacity: Int
    /// Blocks handed over and not yet collected, oldest first.
    private var pending: [EventLoopFuture<Int>] = []
    /// The databases written, by block sequence.
    private var written: [Int: String] = [:]
    /// Set by `abort`: blocks not started yet are skipped.
    private let stopping = NIOLockedValueBox(false)
    private var running = true

    /// Starts `threads` writer threads for databases in `directory`.
    init(threads: Int, directory: String) {
        precondition(threads >= 1, "a fresh build needs a writer thread")
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        self.directory = directory
        capacity = 2 * threads
    }

    deinit {
        abort()
    }

    /// The database of block `sequence` in `directory`.
    static func path(of sequence: Int, in directory: String) -> String {
        directory + "/block-" + String(sequence)
    }

    /// Hands `block` to a writer thread, first waiting for the oldest block in flight when as
    /// many as allowed are. Throws the failure of a block written before.
    func submit(_ block: ArticleBlock) throws(IndexError) {
        precondition(running, "submit after finish or abort")
        if pending.count >= capacity { try collect(pending.removeFirst()) }
        let directory = self.directory
        let stopping = self.stopping
        // Futures need an event loop to complete on; the work itself runs on the pool.
        let future = pool.runIfActive(eventLoop: MultiThreadedEventLoopGroup.singleton.next()) {
            () throws -> Int in
            guard !stopping.withLockedValue({ $0 }) else { return block.sequence }
            try Self.write(block, to: Self.path(of: block.sequence, in: directory))
            return block.sequence
        }
        pending.append(future)
    }

    /// Waits for every block and stops the threads; returns the databases by block sequence.
    func finish() throws(IndexError) -> [Int: String] {
        while !pending.isEmpty { try collect(pending.removeFirst()) }
        stop()
        return written
    }

    /// Skips the blocks not started, waits for those being written and stops the threads.
    func abort() {
        stopping.withLockedValue { $0 = true }
        for future in pending { _ = try? future.wait() }
        pending = []
        stop()
    }

    private func stop() {
        guard running else { return }
        running = false
        try? pool.syncShutdownGracefully()
    }

    private func collect(_ future: EventLoopFuture<Int>) throws(IndexError) {
        do {
            let sequence = try future.wait()
            written[sequence] = Self.path(of: sequence, in: directory)
        } catch {
            abort()
            throw error as? IndexError ?? IndexError(.backend, "a fresh build's writer failed: \(error)")
        }
    }

    private static func write(_ block: ArticleBlock, to path: String) throws(IndexError) {
        let builder: DocumentBuilder
        do {
            builder = DocumentBuilder(analyzer: try Analyzer())
        } catch {
            throw IndexError(.backend, "cannot start the analyzer: \(error)")
        }
        do {
            let database = try WritableXapianDatabase(path: path, options: [.createOrOpen, .noSync])
            var spelling: [String: UInt32] = [:]
            var uncommitted = 0
            for share in block.shares {
                // A huge article is committed as it goes, like many small ones: nothing of a
                // fresh build is seen before it is published. Each part writes the whole
                // article's record and synonyms: the compactor keeps one of equal records,
                // and merges synonyms and spelling counts.
                for start in stride(
                    from: share.passages.lowerBound, to: share.passages.upperBound, by: Self.commitEvery)
                {
                    let part = start..<min(start + Self.commitEvery, share.passages.upperBound)
                    try builder.write(share.article, passages: part, into: database, replacing: false)
                    spelling.merge(builder.spellingWords, uniquingKeysWith: +)
                    uncommitted += part.count
                    if uncommitted >= Self.commitEvery {
                        try database.commit()
                        uncommitted = 0
                    }
                }
            }
            // Sorted words walk the spelling B-tree in order. Xapian holds a word's fragment
            // lists in memory until a commit, so a block with a huge vocabulary (one huge
            // file) commits them a slice at a time.
            for (index, word) in spelling.keys.sorted().enumerated() {
                try database.addSpelling(word, frequency: spelling[word, default: 0])
                if (index + 1) % Self.spellingWordsPerCommit == 0 { try database.commit() }
            }
            try database.commit()
            try database.close()
        } catch {
            throw IndexError(.backend, "a fresh build cannot write \(path): \(error.description)")
        }
    }
}
