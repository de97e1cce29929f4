import ArgumentParser
import Foundation
import PassimArticles
import PassimClient
import PassimCore
import PassimProtocol

struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Add, update and (with --prune) remove articles in the index.",
        discussion: """
            Unchanged articles are skipped; a changed article replaces its old version atomically. \
            Exit status 0 when every file was ingested, 1 when any failed, 2 when the index could \
            not be written, 3 when another version of passim wrote it (delete it and ingest again). When a daemon (`passim serve`) serves the same index, the daemon does \
            the writing (its searches go on meanwhile, and --batch-size is the daemon's); otherwise \
            this process writes the index.
            """
    )

    @OptionGroup var indexOptions: IndexOptions

    @OptionGroup var daemonOptions: DaemonOptions

    @Flag(help: "Remove indexed articles under the given folders whose files are gone.")
    var prune = false

    @Flag(help: "Wait for another writer to release the index instead of failing.")
    var wait = false

    @Flag(
        name: .shortAndLong,
        help: "List the files that were skipped (not article files, READMEs, .passimignore), and why.")
    var verbose = false

    @Option(
        name: .customLong("batch-size"),
        help: "Articles per commit when updating an index (each commit is atomic); a new index is built whole.")
    var batchSize = 256

    @Option(
        name: .customLong("max-file-size"),
        help: ArgumentHelp(
            "The largest article file to read (bytes, or with K, M, G: 64M, 1G); larger files are reported and skipped.",
            valueName: "size"),
        transform: { text in
            guard let bytes = ByteSize.parse(text), bytes >= 1 else {
                throw ValidationError("--max-file-size takes a size such as 64M, 1G or 200000, got '\(text)'")
            }
            return bytes
        })
    var maxFileBytes: Int = ArticleReader.defaultMaxFileBytes

    @Option(
        help: ArgumentHelp(
            "Import passages or articles from a JSON Lines file instead of article files.", valueName: "file"))
    var jsonl: String?

    @Option(
        help: ArgumentHelp(
            "Make a new index sharded: articles are routed to this many shards by a hash of their id. "
                + "Fixed when the index is made (changing it means ingesting into a new index).",
            valueName: "n"))
    var shards: Int?

    @Argument(
        help: ArgumentHelp(
            "Files or folders of .txt/.md articles (default: the index's corpus roots; for a new index, the corpus/ beside it).",
            valueName: "path"))
    var paths: [String] = []

    func run() async throws {
        CLILogging.bootstrap()
        let layout = indexOptions.layout
        let paths = self.paths.isEmpty ? Self.recordedRoots(of: layout) : self.paths
        // The daemon's `ingest` takes article files; a JSON Lines import is written here.
        // A new sharded index is made here; the daemon writes an existing one, whatever its shards.
        let makesShards = shards != nil && !layout.isSharded
        if jsonl == nil, !makesShards, let daemon = try await daemonOptions.daemon(serving: layout) {
            let outcome = await DaemonIngest(
                paths: IngestPaths(paths), prune: prune, maxFileBytes: maxFileBytes, wait: wait, verbose: verbose,
                layout: layout
            )
            .run(on: daemon, showProgress: Terminal.stderrIsTerminal)
            await daemon.close()
            if outcome != 0 { throw ExitCode(outcome) }
            return
        }
        try ingestDirectly(paths, layout: layout)
    }

    /// The index's writer; with `--wait`, after saying why it waits when another writer holds it.
    private func openWriter(_ layout: IndexLayout) throws(IndexError) -> IndexWriter {
        do {
            return try IndexWriter(layout: layout, shards: shards)
        } catch  where wait && error.code == .locked {
            Terminal.error(
                "passim: the index at \(layout.directory) is being written by another process; "
                    + "waiting for it to finish\n")
            return try IndexWriter(layout: layout, wait: true, shards: shards)
        }
    }

    private func ingestDirectly(_ paths: [String], layout: IndexLayout) throws {
        let showProgress = Terminal.stderrIsTerminal
        do {
            let writer = try openWriter(layout)
            let ingestor = try Ingestor(writer: writer)
            let show: (IngestProgress) -> Void = { progress in
                guard showProgress else { return }
                Terminal.error("\r\u{1B}[K[\(progress.done)/\(progress.total)] \(progress.path)")
            }
            let report: IngestReport
            if let jsonl {
                report = try JSONLImporter(writer: writer).importFile(
                    at: jsonl, options: .init(batchSize: batchSize), progress: show)
            } else {
                report = try ingestor.ingest(
                    paths: paths, options: .init(prune: prune, batchSize: batchSize, maxFileBytes: maxFileBytes),
                    progress: show)
            }
            try writer.close()
            if showProgress { Terminal.error("\r\u{1B}[K") }
            for moved in report.movedRoots {
                Terminal.error(
                    "passim: \(moved.from) is gone; its articles now come from \(moved.to), with the same ids\n")
            }
            if verbose { Self.listSkipped(report.skipped) }
            for failure in report.failures {
                Terminal.error("passim: \(failure.path): \(failure.message)\n")
            }
            Terminal.write("\(report.summary)\n")
            if report.failed > 0 { throw ExitCode(1) }
        } catch let error as IndexError {
            if showProgress { Terminal.error("\r\u{1B}[K") }
            Terminal.error("passim: \(error.message)\n")
            throw ExitCode(error.exitStatus)
        }
    }

    /// `--verbose`: one line per skipped file, with why.
    static func listSkipped(_ files: [SkippedFile]) {
        for file in files {
            Terminal.error("passim: skipped (\(file.reason.rawValue)): \(file.path)\n")
        }
    }

    /// What `passim ingest` with no path reads: the corpus roots the index records (those that
    /// still exist; a gone one is named, since ingesting its new place moves it), else the home
    /// corpus beside the index.
    static func recordedRoots(of layout: IndexLayout) -> [String] {
        let roots = (try? Searcher(layout: layout).indexSummary().roots) ?? []
        var present: [String] = []
        for root in roots {
            if FileManager.default.fileExists(atPath: root.path) {
                present.append(root.path)
            } else {
                Terminal.error("passim: the corpus root \(root.path) is gone; ingest its new place to move it there\n")
            }
        }
        return present.isEmpty ? [layout.homeCorpus] : present
    }
}
