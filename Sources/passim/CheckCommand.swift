import ArgumentParser
import PassimCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify the index, and that it is up to date with the files under its corpus roots.",
        discussion: """
            Lists articles whose records and passages disagree, and files under the index's corpus roots \
            that changed or were deleted since they were ingested, or were never ingested. Exit status 0 \
            when the index is consistent and up to date, 1 when problems or changed files were found, 2 \
            when it cannot be read, 3 when another version of passim wrote it (another schema: delete it \
            and ingest again).
            """
    )

    @OptionGroup var indexOptions: IndexOptions

    @Flag(help: "Verify the index alone, without comparing it with the files under its corpus roots.")
    var indexOnly = false

    func run() throws {
        CLILogging.bootstrap()
        do {
            let layout = indexOptions.layout
            let report = try IndexChecker(layout: layout).check()
            for problem in report.problems {
                Terminal.error("passim: \(problem)\n")
            }
            let drift = indexOnly ? CorpusDrift() : try CorpusDrift.measure(layout)
            for path in drift.modified { Terminal.error("passim: changed since it was ingested: \(path)\n") }
            for path in drift.deleted { Terminal.error("passim: deleted since it was ingested: \(path)\n") }
            for path in drift.unindexed { Terminal.error("passim: not ingested: \(path)\n") }
            let changed = drift.modified.count + drift.deleted.count + drift.unindexed.count
            if changed > 0 {
                let roots = drift.roots.map(Self.shellQuoted).joined(separator: " ")
                Terminal.error("passim: to bring the index up to date: passim ingest --prune \(roots)\n")
            }
            var verdict: [String] = []
            if !report.problems.isEmpty { verdict.append("\(report.problems.count) problems") }
            if changed > 0 { verdict.append("\(changed) files out of date") }
            Terminal.write(
                "\(report.articles) articles, \(report.passages) passages, revision \(report.revision): "
                    + (verdict.isEmpty ? "ok" : verdict.joined(separator: ", ")) + "\n")
            if !verdict.isEmpty { throw ExitCode(1) }
        } catch let error as IndexError {
            Terminal.error("passim: \(error.message)\n")
            throw ExitCode(error.exitStatus)
        }
    }

    /// `path` as a shell word: quoted unless it is plain.
    static func shellQuoted(_ path: String) -> String {
        let plain = path.allSatisfy { $0.isLetter || $0.isNumber || "/._-+,:@".contains($0) }
        return plain ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
