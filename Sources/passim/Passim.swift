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
            StopCommand.self, BenchQueryCommand.self,
        ]
    )
}
