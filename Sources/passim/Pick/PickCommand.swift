import ArgumentParser
import Foundation

/// `passim pick`: search as you type in fzf, then open the chosen passage in `$EDITOR` at its
/// first matched word. The helper modes (`--lines`, `--complete`, `--preview`) are what fzf runs.
struct PickCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pick",
        abstract: "Search as you type in fzf and open the chosen passage in your editor.",
        discussion: """
            Each keystroke searches again (through the daemon when one serves the index); the preview \
            shows the passage in its file with the matched words marked; Tab completes the word being \
            typed from the index's words; Enter opens $VISUAL or $EDITOR (else vi) at the match's line \
            and column. With a daemon, the list is searched again when the index changes. Needs fzf \
            0.38 or later. Exit status: the editor's when a passage was opened, fzf's when none was \
            (130 after Esc or Ctrl-C), 2 when fzf or the editor cannot be started.
            """
    )

    @OptionGroup var indexOptions: IndexOptions

    @OptionGroup var daemonOptions: DaemonOptions

    @Option(help: "Number of passages listed.")
    var limit = 50

    @Option(help: ArgumentHelp("The fzf program.", valueName: "path"))
    var fzf = "fzf"

    @Flag(help: .hidden) var lines = false
    @Flag(help: .hidden) var watch = false
    @Flag(help: .hidden) var complete = false
    @Option(help: .hidden) var preview: String?
    @Option(help: .hidden) var spans = ""
    @Option(help: .hidden) var open: String?
    @Option(help: .hidden) var line = 1
    @Option(help: .hidden) var column = 1

    /// The query to start with; for the helpers, the query fzf holds.
    @Argument(parsing: .allUnrecognized, help: "The query to start with.")
    var query: [String] = []

    func validate() throws {
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be from 1 to 1000") }
    }

    /// The query's words, without the `--` that ends the options.
    var text: String {
        query.filter { $0 != "--" }.joined(separator: " ")
    }

    func run() async throws {
        CLILogging.bootstrap()
        if let preview {
            // fzf passes the fields as they are in the line; the path has no tab of its own.
            let path = preview.trimmingCharacters(in: CharacterSet(charactersIn: "\t"))
            let bytes = FileManager.default.contents(atPath: path).map { Array($0) } ?? []
            Terminal.write(PickPreview.render(bytes, spans: PickPreview.spans(spans)))
        } else if let open {
            try openEditor(path: open)
        } else if complete {
            try await printCompletion()
        } else if lines {
            try await PickList(query: text, limit: limit, watch: watch).run(
                indexOptions: indexOptions, daemonOptions: daemonOptions)
        } else {
            try await pick()
        }
    }

    /// Tab: the query with the word being typed completed by the index's most frequent word.
    private func printCompletion() async throws {
        let query = text
        guard let target = QueryCompletion(query: query) else { return Terminal.write(query + "\n") }
        let backend = await PickBackend.open(indexOptions: indexOptions, daemonOptions: daemonOptions)
        let words = await backend.completions(of: target.word, limit: 1)
        await backend.close()
        Terminal.write((words.first.map(target.completed(with:)) ?? query) + "\n")
    }

    /// The picker itself: fzf in this process's place.
    private func pick() async throws {
        guard let fzfPath = FzfPicker.find(fzf, path: ProcessInfo.processInfo.environment["PATH"]) else {
            Terminal.error("passim: pick needs fzf (Debian: apt install fzf), or name it with --fzf\n")
            throw ExitCode(2)
        }
        let backend = await PickBackend.open(indexOptions: indexOptions, daemonOptions: daemonOptions)
        let watching = backend.daemon != nil
        await backend.close()
        let picker = FzfPicker(passim: Self.executable, fzf: fzfPath, options: helperOptions, watch: watching)
        let error = picker.exec(query: text)
        Terminal.error("passim: cannot start \(fzfPath): \(String(cString: strerror(error)))\n")
        throw ExitCode(2)
    }

    /// Enter: the editor at `--line` and `--column` (bytes) of the file at `path`, in this
    /// process's place; exit status 1 when nothing was chosen (an empty list).
    private func openEditor(path: String) throws {
        let path = path.trimmingCharacters(in: CharacterSet(charactersIn: "\t"))
        guard !path.isEmpty else { throw ExitCode(1) }
        let editor = EditorLaunch(
            command: EditorLaunch.command(environment: ProcessInfo.processInfo.environment), path: path, line: line,
            byteColumn: column,
            characterColumn: EditorLaunch.characterColumn(path: path, line: line, byteColumn: column))
        let error = editor.exec()
        Terminal.error("passim: cannot start \(editor.arguments[0]): \(String(cString: strerror(error)))\n")
        throw ExitCode(2)
    }

    /// The options that make the helpers search what this command searches.
    private var helperOptions: [String] {
        var options = ["--limit", "\(limit)"]
        if let index = indexOptions.index { options += ["--index", index] }
        if let socket = daemonOptions.socketOption.socket { options += ["--socket", socket] }
        if daemonOptions.noDaemon { options.append("--no-daemon") }
        return options
    }

    /// This program's own path, for fzf to run it again.
    private static var executable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}
