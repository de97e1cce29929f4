import ArgumentParser
import Foundation
import PassimClient
import PassimProtocol

struct StopCommand: AsyncParsableCommand {
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

    func run() async throws {
        CLILogging.bootstrap()
        let locator = socketOption.locator
        let client: DaemonClient
        do {
            client = try await locator.connect()
        } catch {
            Terminal.error("passim: \(error)\n")
            throw ExitCode(3)
        }
        do {
            _ = try await client.send(ShutdownRequest(), timeout: locator.timeout)
        } catch {
            await client.close()
            Terminal.error("passim: the daemon on \(locator.socketPath) did not accept `shutdown`: \(error)\n")
            throw ExitCode.failure
        }
        await client.close()
        // The daemon removes its socket as its last step, after the requests it had read.
        let deadline = ContinuousClock.now + .milliseconds(Int64(wait * 1000))
        while FileManager.default.fileExists(atPath: locator.socketPath) {
            guard ContinuousClock.now < deadline else {
                Terminal.error(
                    "passim: the daemon on \(locator.socketPath) is still finishing after \(wait) s; "
                        + "`passim status` shows whether it runs\n")
                throw ExitCode.failure
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        Terminal.write("stopped the daemon on \(locator.socketPath)\n")
    }
}
