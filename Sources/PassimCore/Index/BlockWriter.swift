import Foundation
import PassimAnalysis
import PassimArticles
import PassimXapian

/// A run of consecutive articles of a fresh build, written into a database of its own.
struct ArticleBlock: Sendable {
    /// Place of the block in the input: the compactor merges blocks in this order, so documents
    /// are numbered as a single writer would have numbered them.
    var sequence: Int
    var articles: [Article] = []
    var passages = 0
}

/// One thread of a fresh build: takes the next ``ArticleBlock`` from a shared queue, turns its
/// articles into documents with its own analyzer and writes them, with the block's spelling
/// words, to a database of the block's own, without fsync.
///
/// A block's spelling words are added once, just before its last commit. Xapian rewrites every
/// spelling list a commit touches, so one growing spelling table committed again and again
/// costs more the bigger it gets (in a plain ingest most of the time goes there); the compactor
/// merges the lists of many small tables in one pass.
final class BlockWriter: @unchecked Sendable {
    /// Documents written between commits of a block. Xapian's own default (10,000) holds more
    /// postings in memory and was no faster (BENCHMARKS.md, "Levers measured and left"); without
    /// fsync a commit is cheap.
    static let commitEvery = 2_000

    private let queue: BoundedQueue<ArticleBlock>
    private let directory: String
    private let stopped = DispatchSemaphore(value: 0)
    private var joined = false
    private let lock = NSLock()
    // Guarded by `lock`, final once `stopped` is signalled.
    private var failure: IndexError?
    private var written: [Int: String] = [:]

    /// Starts a thread writing the blocks of `queue` into databases in `directory`.
    init(queue: BoundedQueue<ArticleBlock>, directory: String) {
        self.queue = queue
        self.directory = directory
        let thread = Thread { [self] in
            run()
            stopped.signal()
        }
        thread.name = "passim-fresh-build"
        // Analysis and Xapian want more than the 512 KiB a secondary thread gets by default.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The database of block `sequence` in `directory`.
    static func path(of sequence: Int, in directory: String) -> String {
        directory + "/block-" + String(sequence)
    }

    /// The failure that stopped the thread, if one did.
    var recordedFailure: IndexError? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }

    /// Waits for the thread to stop (the queue must be closed or cancelled); returns the
    /// databases it wrote by block sequence.
    func join() throws(IndexError) -> [Int: String] {
        if !joined {
            stopped.wait()
            joined = true
        }
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        return written
    }

    private func run() {
        do throws(IndexError) {
            let builder: DocumentBuilder
            do {
                builder = DocumentBuilder(analyzer: try Analyzer())
            } catch {
                throw IndexError(.backend, "cannot start the analyzer: \(error)")
            }
            while let block = queue.pop() {
                let path = Self.path(of: block.sequence, in: directory)
                try write(block, to: path, with: builder)
                lock.lock()
                written[block.sequence] = path
                lock.unlock()
            }
        } catch {
            lock.lock()
            failure = error
            lock.unlock()
            queue.cancel()
        }
    }

    private func write(_ block: ArticleBlock, to path: String, with builder: DocumentBuilder) throws(IndexError) {
        do {
            let database = try WritableXapianDatabase(path: path, options: [.createOrOpen, .noSync])
            var spelling: [String: UInt32] = [:]
            var uncommitted = 0
            for article in block.articles {
                try builder.write(article, into: database, replacing: false)
                spelling.merge(builder.spellingWords, uniquingKeysWith: +)
                uncommitted += article.passages.count
                if uncommitted >= Self.commitEvery {
                    try database.commit()
                    uncommitted = 0
                }
            }
            // Sorted words walk the spelling B-tree in order.
            for word in spelling.keys.sorted() {
                try database.addSpelling(word, frequency: spelling[word, default: 0])
            }
            try database.commit()
            try database.close()
        } catch {
            throw IndexError(.backend, "a fresh build cannot write \(path): \(error.description)")
        }
    }
}
