import Foundation
import Logging
import PassimArticles

/// Ingests article files into an index: new articles are added, changed ones replaced,
/// unchanged ones (same content hash and path) skipped, and with `prune` articles whose
/// files are gone are removed. Each batch of articles is committed as one transaction.
public final class Ingestor {
    /// Options of one run.
    public struct Options: Sendable {
        /// Remove indexed articles under the given folders whose files no longer exist.
        public var prune = false
        /// Articles per transaction: larger batches write faster, smaller ones show progress sooner.
        /// A brand-new index ignores it: it is built in one go (``IndexWriter/beginFreshBuild()``).
        public var batchSize = 256
        /// Asked after each file; when it answers true the run commits what it wrote and stops
        /// (the daemon's `$/cancelRequest`). Pruning is skipped then.
        public var shouldStop: (@Sendable () -> Bool)?
        /// Files larger than this many bytes are refused with a per-file error.
        public var maxFileBytes: Int

        public init(
            prune: Bool = false, batchSize: Int = 256, maxFileBytes: Int = ArticleReader.defaultMaxFileBytes,
            shouldStop: (@Sendable () -> Bool)? = nil
        ) {
            self.prune = prune
            self.batchSize = max(1, batchSize)
            self.maxFileBytes = max(1, maxFileBytes)
            self.shouldStop = shouldStop
        }
    }

    private let writer: IndexWriter
    private let parser: ArticleParser
    private let logger: Logger

    /// Ingests through `writer`, which the caller keeps open (and closes) as long as it needs.
    public init(writer: IndexWriter, logger: Logger = Logger(label: "passim.ingest")) throws(IndexError) {
        self.writer = writer
        self.logger = logger
        do {
            parser = try ArticleParser()
        } catch {
            throw IndexError(.backend, "cannot start the article parser: \(error)")
        }
    }

    /// Ingests the files and folders at `paths`.
    ///
    /// Each path belongs to a corpus root (see `CorpusRoots`): the deepest root the index
    /// records that holds it, else it becomes one. Articles are named by their root, so a file
    /// has one id whichever path reached it. Per-file problems are collected in the report's
    /// failures and the run goes on; an index failure stops the run with the current batch
    /// rolled back.
    ///
    /// Articles whose files were at or under the paths in `gone` and no longer exist are removed
    /// (what the corpus watcher saw deleted or moved away).
    public func ingest(
        paths: [String], forgetting gone: [String] = [], options: Options = Options(),
        progress: ((IngestProgress) -> Void)? = nil
    ) throws(IndexError) -> IngestReport {
        let report = try IngestRun(writer: writer, options: options).run(otherFailure: Self.failure) { run in
            let (roots, places) = try placeInRoots(paths, run: run)
            let scanned = CorpusScanner(paths: paths) { base, relative in
                let path: String?
                switch places[base] {
                case .folder(let folder): path = folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
                case .file(let file): path = file
                case nil: path = nil
                }
                return path.flatMap(roots.articleID(of:)) ?? CorpusScanner.articleID(forRelativePath: relative)
            }
            .scanReportingSkipped()
            run.noteSkipped(scanned.skipped)
            let entries = scanned.results
            var seen: Set<String> = []
            var stopped = false
            for (index, entry) in entries.enumerated() {
                let path: String
                switch entry {
                case .failure(let error):
                    path = error.path
                    run.fail(path: error.path, message: error.message)
                case .success(let found):
                    path = found.path
                    seen.insert(found.id)
                    do {
                        // An unchanged file (same size and modification time) is not even read.
                        let real = RealPath.of(found.path) ?? Self.absolute(found.path)
                        if try !run.skipIfUnchanged(id: found.id, path: real, maxBytes: options.maxFileBytes) {
                            try run.offer(
                                try candidate(
                                    ArticleReader.read(found, maxBytes: options.maxFileBytes), recordedAt: real))
                        }
                    } catch let error as ArticleError {
                        run.fail(path: error.path, message: error.message)
                    }
                }
                progress?(IngestProgress(done: index + 1, total: entries.count, path: path))
                if run.shouldStop {
                    stopped = true
                    break
                }
            }
            let pruned = options.prune ? paths.map { RealPath.of($0) ?? Self.absolute($0) } : []
            if !stopped && !(pruned + gone).isEmpty {
                try prune(roots: pruned + gone.map(Self.absolute), keeping: seen, in: run)
            }
        }
        logger.info("ingest finished", metadata: ["summary": "\(report.summary)"])
        return report
    }

    /// Why `name` cannot file an inline text (its id is too long for the index), or nil.
    public static func inlineNameProblem(_ name: String) -> String? {
        IndexMetadata.idProblem(CorpusScanner.articleID(forRelativePath: name), path: name).map {
            "`name` \($0.message)"
        }
    }

    /// Ingests one article given as text (the daemon's inline `ingest`), filed under the relative
    /// path `name`; its id is `name` without the extension, as a scan of that file would give.
    public func ingest(text: String, name: String) throws(IndexError) -> IngestReport {
        let file = SourceFile(id: CorpusScanner.articleID(forRelativePath: name), path: name, bytes: Array(text.utf8))
        return try IngestRun(writer: writer, options: Options()).run(freshBuild: false, otherFailure: Self.failure) {
            run in
            do {
                try run.offer(candidate(file, recordedAt: name))
            } catch let error as ArticleError {
                run.fail(path: name, message: error.message)
            }
        }
    }

    /// Records a root for each of `paths` that no root holds yet (or moves a gone one there) and
    /// returns the roots with each path resolved: nil for a path that does not exist (the scan
    /// reports it).
    private func placeInRoots(_ paths: [String], run: IngestRun) throws(IndexError) -> (CorpusRoots, [ScannedPath?]) {
        var roots = writer.roots
        var places: [ScannedPath?] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard let real = RealPath.of(path), FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory)
            else {
                places.append(nil)
                continue
            }
            let adoption = roots.adopt(real, isFile: !isDirectory.boolValue, home: writer.layout.homeCorpus)
            if let old = adoption.movedFrom {
                run.noteMovedRoot(from: old, to: real)
                logger.notice("a corpus root moved", metadata: ["from": "\(old)", "to": "\(real)"])
            }
            places.append(isDirectory.boolValue ? .folder(real) : .file(real))
        }
        try writer.setRoots(roots)
        return (roots, places)
    }

    /// A path given to an ingest, links resolved.
    private enum ScannedPath: Sendable {
        case folder(String)
        case file(String)
    }

    /// A file as an ingest candidate, recorded at `path` (a file's, with every link resolved, so
    /// it is the same however the file was reached; an inline text's name): recognised unchanged
    /// by its fingerprint before any parsing.
    private func candidate(_ file: SourceFile, recordedAt path: String) -> ArticleCandidate {
        let parser = self.parser
        return ArticleCandidate(
            id: file.id, path: path, displayPath: file.path, contentHash: FNV1a.hex(file.bytes)
        ) {
            var article = try parser.parse(file)
            article.path = path
            return article
        }
    }

    private static func failure(_ error: any Error) -> IndexError {
        IndexError(.backend, "ingest failed: \(error)")
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Removes the articles recorded at or under `roots` whose files are gone. Only the ids the
    /// corpus roots give such files are looked at (a watcher's batch about one file reads one
    /// record, not every record); a path no root holds means reading them all.
    private func prune(roots: [String], keeping seen: Set<String>, in run: IngestRun) throws(IndexError) {
        var candidates: Set<String> = []
        var everything = false
        for path in roots {
            guard let prefixes = writer.roots.idPrefixes(under: path) else {
                everything = true
                break
            }
            for prefix in Set(prefixes) { candidates.formUnion(try writer.articleIDs(prefix: prefix)) }
        }
        let ids = everything ? try writer.articleIDs() : candidates.sorted()
        for id in ids where !seen.contains(id) {
            guard let record = try writer.record(of: id),
                roots.contains(where: { record.path == $0 || record.path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
                ),
                !FileManager.default.fileExists(atPath: record.path)
            else { continue }
            try run.remove(id)
        }
    }
}
