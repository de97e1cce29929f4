import ArgumentParser
import Foundation
import Logging
import PassimClient
import PassimCore
import PassimProtocol
import PassimServer

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the index and print ranked passages.",
        discussion: """
            Query language: words (ranked), +word, -word, AND, OR, NOT, ( ), "a phrase", \
            a NEAR/3 b, prefix*, title:, section:, article:, source:. When a daemon (`passim serve`) \
            serves the same index, the search runs there; otherwise in this process. The results \
            are the same either way. Exit status, as grep's: 0 when passages match (whatever the \
            output mode), 1 when none does, 2 on an error.
            """
    )

    @OptionGroup var indexOptions: IndexOptions

    @OptionGroup var daemonOptions: DaemonOptions

    @Flag(help: "Print one JSON object (the daemon's search result shape).")
    var json = false

    @Flag(help: "Print path:line:column:text lines for Vim's quickfix or Emacs grep-mode.")
    var vimgrep = false

    @Option(
        help: ArgumentHelp(
            "Colour the human output: auto (on a terminal, unless NO_COLOR is set), always, never.",
            valueName: "when"))
    var color: ColorChoice = .auto

    @Option(help: "Number of passages to show.")
    var limit = 10

    @Option(help: "Number of passages to skip (for paging).")
    var offset = 0

    @Option(name: .customLong("per-article"), help: "Show at most N passages per article.")
    var perArticle: Int?

    @Flag(help: "Show why each passage ranked where it did: each query item's weight and where it matched.")
    var explain = false

    @Flag(help: "Count every match by article and by source domain (shown after the hits, and in --json).")
    var facets = false

    /// Everything that is not an option: the query's words, `-word` exclusions included.
    @Argument(parsing: .allUnrecognized, help: "The query (quote it, or put it after --).")
    var query: [String] = []

    func validate() throws {
        if json && vimgrep { throw ValidationError("--json and --vimgrep cannot be combined") }
        if words.isEmpty { throw ValidationError("missing query: passim search \"stem cells\"") }
        // `--word` is no query syntax: before `--` it can only be a mistyped option.
        if let unknown = query.prefix(while: { $0 != "--" }).first(where: { $0.hasPrefix("--") }) {
            throw ValidationError(
                "Unknown option '\(unknown)'. To search for it, put the query after --: passim search -- \(unknown)")
        }
    }

    /// The query's words: `--` ends the options wherever it stands (so a query may start with
    /// `-`) and is not part of the query.
    var words: [String] {
        guard let separator = query.firstIndex(of: "--") else { return query }
        return Array(query[..<separator] + query[(separator + 1)...])
    }

    func run() throws {
        CLILogging.bootstrap()
        let request = SearchParameters(
            query: words.joined(separator: " "), limit: limit, offset: offset, perArticle: perArticle, explain: explain,
            facets: facets)
        // The daemon answers its handshake while this process looks for its own index.
        let lookup = daemonOptions.startLookup()
        let located = indexOptions.discovery.locate(option: indexOptions.index)
        var layout = located.layout
        let foundNone = located.reason == .newProject || located.reason == .newUser
        var answer: Answer?
        // With no index of its own, a search uses whatever index the daemon serves.
        if let (daemon, served) = try daemonOptions.connection(lookup, serving: foundNone ? nil : layout.directory) {
            if foundNone { layout = IndexLayout(directory: served) }
            answer = Self.search(request, on: daemon, asJSON: json)
            daemon.close()
        }
        do {
            if case .json(let answer) = answer {
                // The daemon's bytes are what an in-process search prints: no need to decode them.
                Terminal.write(bytes: answer.json + [UInt8(ascii: "\n")])
                if answer.estimatedTotal == 0 { throw ExitCode(1) }
                return
            }
            let result: SearchResult
            if case .decoded(let decoded) = answer {
                result = decoded
            } else {
                result = SearchResult(try Searcher(layout: layout).search(request))
            }
            let cwd = FileManager.default.currentDirectoryPath
            if json {
                Terminal.write(SearchOutput.json(result))
            } else if vimgrep {
                Terminal.write(SearchOutput.vimgrep(result, relativeTo: cwd))
            } else {
                let style = OutputStyle.detect(
                    isTerminal: Terminal.stdoutIsTerminal, environment: ProcessInfo.processInfo.environment,
                    choice: color)
                Terminal.write(SearchOutput.human(result, style: style, relativeTo: cwd))
            }
            // As grep: 1 when nothing matched (a page past the last hit still had matches).
            if result.estimatedTotal == 0 { throw ExitCode(1) }
        } catch let error as IndexError {
            let message = foundNone && error.code == .notFound ? indexOptions.discovery.searched : error.message
            Terminal.error("passim: \(message)\n")
            throw ExitCode(2)
        } catch SearchError.syntax(let error) {
            Terminal.error(SyntaxErrorReport.render(error, query: request.query))
            throw ExitCode(2)
        } catch let error as SearchError {
            Terminal.error("passim: \(error)\n")
            throw ExitCode(2)
        }
    }

    /// The daemon's answer: as JSON to print, or decoded for the other formats.
    private enum Answer {
        case json(SearchAnswer)
        case decoded(SearchResult)
    }

    /// The daemon's answer, or nil when it fails in any way: the in-process search then runs,
    /// so a bad query or limit is reported in the CLI's own words (a syntax error with its
    /// caret) whether or not a daemon runs, and a daemon that stopped costs nothing.
    private static func search(_ request: SearchParameters, on daemon: DaemonConnection, asJSON: Bool) -> Answer? {
        let wire = PassimProtocol.SearchRequest(
            query: request.query, limit: request.limit, offset: request.offset, perArticle: request.perArticle,
            explain: request.explain ? true : nil, facets: request.facets ? true : nil)
        do {
            return asJSON ? .json(try daemon.searchJSON(wire)) : .decoded(try daemon.search(wire))
        } catch {
            Logger(label: "passim.client").info("searching in-process instead", metadata: ["daemon": "\(error)"])
            return nil
        }
    }
}

extension ColorChoice: ExpressibleByArgument {}
