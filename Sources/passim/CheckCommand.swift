import ArgumentParser
import PassimCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify that every article in the index is complete and consistent.",
        discussion: """
            Exit status 0 when the index is consistent, 1 when problems were found, 2 when it cannot be \
            read, 3 when another version of passim wrote it (another schema: delete it and ingest again).
            """
    )

    @OptionGroup var indexOptions: IndexOptions

    func run() throws {
        CLILogging.bootstrap()
        do {
            let report = try IndexChecker(layout: indexOptions.layout).check()
            for problem in report.problems {
                Terminal.error("passim: \(problem)\n")
            }
            Terminal.write(
                "\(report.articles) articles, \(report.passages) passages, revision \(report.revision): "
                    + (report.problems.isEmpty ? "ok\n" : "\(report.problems.count) problems\n"))
            if !report.problems.isEmpty { throw ExitCode(1) }
        } catch let error as IndexError {
            Terminal.error("passim: \(error.message)\n")
            throw ExitCode(error.exitStatus)
        }
    }
}
