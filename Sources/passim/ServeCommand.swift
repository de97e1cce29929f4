import ArgumentParser
import Foundation
import Logging
import PassimProtocol
import PassimServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the search daemon on a Unix socket (JSON-RPC, see PROTOCOL.md).",
        discussion: """
            Watches the index's corpus roots (inotify) and ingests new, changed, deleted and moved \
            files once writes settle; at start it compares the roots with the index. --no-watch turns it off. \
            Socket: --socket, else $PASSIM_SOCKET, else $XDG_RUNTIME_DIR/passim/passim.sock, else \
            /tmp/passim-$UID/passim.sock. Stop it with `passim stop`, SIGTERM, SIGINT (Ctrl-C) or the `shutdown` \
            method; it finishes the requests in flight and removes its socket. Exit status 0 after \
            a clean stop, 1 when it cannot start (e.g. another daemon serves the socket).
            """
    )

    @OptionGroup var indexOptions: IndexOptions

    @Option(help: ArgumentHelp("The Unix socket to listen on.", valueName: "path"))
    var socket: String?

    @Flag(
        name: .customLong("no-watch"),
        help: "Do not watch the index's corpus roots (by default new, changed and deleted files are ingested).")
    var noWatch = false

    @Option(
        name: .customLong("log-file"),
        help: ArgumentHelp("Append logs here instead of standard error.", valueName: "path"))
    var logFile: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let socketPath = socket ?? SocketLocation.defaultPath(environment: environment, userID: getuid())
        var configuration = ServerConfiguration(
            index: indexOptions.layout, socketPath: URL(fileURLWithPath: socketPath).standardizedFileURL.path,
            version: PassimVersion.current)
        configuration.watchCorpus = !noWatch
        let console: DaemonLogging.Console
        do throws(DaemonError) {
            console = try DaemonLogging.bootstrap(logFile: logFile, environment: environment)
        } catch {
            Terminal.error("passim: \(error.message)\n")
            throw ExitCode(1)
        }
        do throws(DaemonError) {
            try await PassimDaemon.serve(configuration, logger: Logger(label: "passim.serve"))
        } catch {
            // Logs may be going to a file; this one the user must see.
            console.write("passim: \(error.message)\n")
            throw ExitCode(1)
        }
    }
}
