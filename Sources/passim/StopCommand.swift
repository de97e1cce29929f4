import ArgumentParser
import PassimClient

struct StopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Stop the daemon: it answers the requests it has read, removes its socket and exits.",
        discussion: """
            Sends the protocol's `shutdown` and waits (up to --wait seconds) until the socket is gone. \
            Exit status 0 when the daemon stopped, 3 when none was running (as `passim status`), 1 when \
            it did not stop in time.
            """
    )

    @OptionGroup var socketOption: SocketOption

    @Option(help: ArgumentHelp("Seconds to wait for the daemon to exit.", valueName: "seconds"))
    var wait: Double = 30

    func validate() throws {
        guard wait > 0 else { throw ValidationError("--wait must be a positive number of seconds, found \(wait)") }
    }

    func run() throws {
        CLILogging.bootstrap()
        let locator = socketOption.locator
        let daemon: DaemonConnection
        do {
            daemon = try locator.open()
        } catch {
            Terminal.error("passim: \(error)\n")
            throw ExitCode(3)
        }
        do {
            try daemon.shutdown(timeout: locator.timeout)
        } catch {
            daemon.close()
            Terminal.error("passim: the daemon on \(locator.socketPath) did not accept `shutdown`: \(error)\n")
            throw ExitCode.failure
        }
        daemon.close()
        // The daemon removes its socket as its last step, after the requests it had read.
        guard SocketRemoval.wait(for: locator.socketPath, timeout: .milliseconds(Int64(wait * 1000))) else {
            Terminal.error(
                "passim: the daemon on \(locator.socketPath) is still finishing after \(wait) s; "
                    + "`passim status` shows whether it runs\n")
            throw ExitCode.failure
        }
        Terminal.write("stopped the daemon on \(locator.socketPath)\n")
    }
}
