import ArgumentParser
import PassimClient

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show whether the daemon runs, and its socket, index, counts, uptime and query latency.",
        discussion: """
            Exit status 0 when a daemon answers on the socket, 3 when none does (as LSB's \
            `status` actions do), so scripts can test `passim status >/dev/null`.
            """
    )

    @OptionGroup var socketOption: SocketOption

    @Flag(help: "Print one JSON object: {running, socket, stats?, reason?}; stats is the daemon's `stats` result.")
    var json = false

    func run() throws {
        CLILogging.bootstrap()
        let status = DaemonStatus.check(socketOption.locator)
        Terminal.write(json ? try status.json() : status.human)
        if !status.running { throw ExitCode(3) }
    }
}
