import ArgumentParser
import Foundation
import PassimCore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the index and print ranked passages.",
        discussion: """
            Query language: words (ranked), +word, -word, AND, OR, NOT, ( ), "a phrase", \
            a NEAR/3 b, prefix*, title:, section:, article:, source:.
            """
    )

    @OptionGroup var indexOptions: IndexOptions

    @Flag(help: "Print one JSON object (the daemon's search result shape).")
    var json = false

    @Flag(help: "Print path:line:column:text lines for Vim's quickfix or Emacs grep-mode.")
    var vimgrep = false

    @Option(help: "Number of passages to show.")
    var limit = 10

    @Option(help: "Number of passages to skip (for paging).")
    var offset = 0

    @Option(name: .customLong("per-article"), help: "Show at most N passages per article.")
    var perArticle: Int?

    @Argument(parsing: .allUnrecognized, help: "The query (quote it, or put it after --).")
    var query: [String] = []

    func validate() throws {
        if json && vimgrep { throw ValidationError("--json and --vimgrep cannot be combined") }
        if query.isEmpty { throw ValidationError("missing query: passim search \"stem cells\"") }
    }

    func run() throws {
        CLILogging.bootstrap()
        // `--` ends the options (so a query may start with `-`); it is not part of the query.
        let words = query.first == "--" ? Array(query.dropFirst()) : query
        let request = SearchParameters(
            query: words.joined(separator: " "), limit: limit, offset: offset, perArticle: perArticle)
        do {
            let searcher = try Searcher(layout: indexOptions.layout)
            let result = try searcher.search(request)
            let cwd = FileManager.default.currentDirectoryPath
            if json {
                Terminal.write(try SearchOutput.json(result))
            } else if vimgrep {
                Terminal.write(SearchOutput.vimgrep(result, relativeTo: cwd))
            } else {
                let style = OutputStyle.detect(
                    isTerminal: Terminal.stdoutIsTerminal, environment: ProcessInfo.processInfo.environment)
                Terminal.write(SearchOutput.human(result, style: style, relativeTo: cwd))
            }
        } catch let error as IndexError {
            Terminal.error("passim: \(error.message)\n")
            throw ExitCode(2)
        } catch SearchError.syntax(let error) {
            Terminal.error(SyntaxErrorReport.render(error, query: request.query))
            throw ExitCode(2)
        } catch let error as SearchError {
            Terminal.error("passim: \(error)\n")
            throw ExitCode(2)
        }
    }
}
