import Foundation
import PassimArticles

/// How the article files under an index's corpus roots differ from what the index holds:
/// files changed or deleted since they were ingested, and article files never ingested. What
/// `passim check` reports; an ingest of the roots (with `--prune`) brings the index back.
public struct CorpusDrift: Sendable, Hashable {
    /// Indexed files whose bytes changed since they were ingested.
    public var modified: [String] = []
    /// Indexed files that no longer exist.
    public var deleted: [String] = []
    /// Article files under the roots that the index does not hold.
    public var unindexed: [String] = []
    /// The roots compared (absolute, links resolved).
    public var roots: [String] = []

    /// No difference known (what `passim check --index-only` reports: it does not look).
    public init() {}

    init(roots: [String]) {
        self.roots = roots
    }

    /// Nothing differs.
    public var isEmpty: Bool { modified.isEmpty && deleted.isEmpty && unindexed.isEmpty }

    /// Compares the index at `layout` with the files under its roots, reading every indexed file
    /// (a content hash, as ingest does) and listing every article file under the roots.
    public static func measure(_ layout: IndexLayout) throws(IndexError) -> CorpusDrift {
        let searcher = try Searcher(layout: layout)
        let roots = CorpusRoots(try searcher.indexSummary().roots)
        let records = try searcher.articleRecords()
        var drift = CorpusDrift(roots: roots.all.map(\.path))
        for record in records.values.sorted(by: { $0.path < $1.path })
        where record.path.hasPrefix("/") && roots.root(holding: record.path) != nil {
            // Read as an ingest reads it (a FIFO or a huge file there is not waited on): what
            // cannot be read as an article now has changed, unless it is gone.
            do {
                let file = try ArticleReader.read(CorpusEntry(id: record.id, path: record.path))
                if FNV1a.hex(file.bytes) != record.contentHash { drift.modified.append(record.path) }
            } catch  where error.reason == .notFound {
                drift.deleted.append(record.path)
            } catch {
                drift.modified.append(record.path)
            }
        }
        let scanned = roots.all.filter { FileManager.default.fileExists(atPath: $0.path) }
        let scanner = CorpusScanner(paths: scanned.map(\.path)) { base, relative in
            let root = scanned[base]
            return roots.articleID(of: root.isFile ? root.path : root.path + "/" + relative) ?? relative
        }
        for case .success(let entry) in scanner.scan() where records[entry.id] == nil {
            drift.unindexed.append(entry.path)
        }
        return drift
    }
}
