import ArgumentParser

@main
struct Passim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Local full-text search for articles.",
        discussion: """
            Ingest a folder of articles, then search it from the terminal or, through `passim serve`, \
            from your editor.
            """,
        version: PassimVersion.current,
        subcommands: [
            IngestCommand.self, SearchCommand.self, CheckCommand.self, ServeCommand.self, StatusCommand.self,
            StopCommand.self, LSPCommand.self, PickCommand.self, BenchQueryCommand.self,
        ]
    )

    /// Runs the command. A usage error (an unknown option, a bad value) exits 2, as grep's and
    /// ripgrep's do, with ArgumentParser's usual message; everything else as ArgumentParser does.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                Terminal.error(fullMessage(for: error) + "\n")
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
