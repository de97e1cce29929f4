import ArgumentParser
import Foundation
import Logging
import PassimCore
import PassimLSP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct LSPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Speak the Language Server Protocol on standard input and output.",
        discussion: """
            For any editor with an LSP client: workspace/symbol searches the index and answers \
            ranked passages as symbols (the section heading and a snippet, in the article's \
            title), each at its first matched word. Searches go to the daemon when one serves \
            the same index, else run in this process. Logs go to standard error.
            """
    )

    @OptionGroup var indexOptions: IndexOptions

    @OptionGroup var daemonOptions: DaemonOptions

    @Option(help: "Number of passages each workspace/symbol request answers.")
    var limit = 50

    func validate() throws {
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000") }
    }

    func run() async throws {
        CLILogging.bootstrap()
        // An editor that quits without `exit` closes the pipe: writing then must fail, not kill.
        signal(SIGPIPE, SIG_IGN)
        let located = indexOptions.discovery.locate(option: indexOptions.index)
        var layout = located.layout
        if located.reason == .newProject || located.reason == .newUser,
            let served = daemonOptions.servedIndex()
        {
            layout = IndexLayout(directory: served)
        }
        let logger = Logger(label: "passim.lsp")
        let inProcess = InProcessPassageSource(layout: layout)
        let source: any PassageSource =
            daemonOptions.noDaemon
            ? inProcess
            : DaemonPassageSource(
                locator: daemonOptions.socketOption.locator, indexDirectory: layout.directory, fallback: inProcess,
                logger: logger)
        let server = LanguageServer(
            source: source, output: FileDescriptorOutput(descriptor: STDOUT_FILENO), limit: limit,
            version: PassimVersion.current, logger: logger)
        let status = await StdioTransport(input: STDIN_FILENO).run(server)
        throw ExitCode(status)
    }
}
