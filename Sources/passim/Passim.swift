import ArgumentParser
import Dispatch

@main
struct Passim: ParsableCommand {
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
    ///
    /// `main` is synchronous so that a one-shot command (`search`, `status`, `stop`, `check`,
    /// `bench-query`) runs and exits on the main thread: an asynchronous `main` starts the
    /// concurrency runtime's threads and hands the exit back to a new thread, which every run
    /// pays for (BENCHMARKS.md, "One-shot commands on the main thread"). Commands that serve
    /// or wait (`serve`, `ingest`, `lsp`, `pick`) run as a task while the main thread serves
    /// the main queue.
    nonisolated static func main() {
        let command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(reporting: error)
        }
        guard let asynchronous = command as? AsyncParsableCommand else {
            var synchronous = command
            do {
                try synchronous.run()
            } catch {
                exit(reporting: error)
            }
            return
        }
        start(asynchronous)
        dispatchMain()
    }

    /// Runs `command` as a task on the concurrency runtime's threads, then exits.
    private static func start(_ command: sending AsyncParsableCommand) {
        Task {
            var running = command
            do {
                try await running.run()
            } catch {
                exit(reporting: error)
            }
            exit(withError: nil)
        }
    }

    /// Exits as the command's error says: 2 for a usage error, else as ArgumentParser does.
    private static func exit(reporting error: any Error) -> Never {
        if exitCode(for: error) == .validationFailure {
            Terminal.error(fullMessage(for: error) + "\n")
            exit(withError: ExitCode(2))
        }
        exit(withError: error)
    }
}
