import Foundation
import PassimProtocol
import PassimTestSupport

/// A real `passim serve` on a temporary socket. `stop` ends it with SIGTERM (SIGKILL when it
/// does not stop in time); `deinit` does the same, so a failing test never leaves one running.
final class DaemonProcess: @unchecked Sendable {
    let socket: String
    let logFile: String
    private let process: Process

    /// Starts `passim serve --index index` in `directory` and waits until it says it listens
    /// and `passim status` reports it running.
    init(index: String, in directory: TemporaryDirectory, name: String = "daemon") throws {
        socket = directory.file("\(name).sock").path
        logFile = directory.file("\(name).log").path
        let logs = DaemonLog(file: logFile)
        process = try PassimProcess.start(
            // Watching would race the tests' own ingests; the watcher has tests of its own.
            ["serve", "--index", index, "--socket", socket, "--no-watch"], in: directory.url, stderr: logs.pipe)
        logs.startDraining()
        guard logs.waitForListening(timeout: 60),
            try PassimProcess.run(["status", "--socket", socket], in: directory.url).status == 0
        else {
            stop()
            throw DaemonProcessError("passim serve did not start: \(log)")
        }
    }

    deinit {
        stop()
    }

    /// What the daemon logged so far.
    var log: String { (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "" }

    /// Stops the daemon gracefully (bounded), as Ctrl-C would.
    func stop() {
        guard process.isRunning else { return }
        resume()
        kill(process.processIdentifier, SIGTERM)
        if !process.waitForExit(timeout: 10) { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Waits for the daemon to exit on its own; its exit status, or nil if it still runs.
    func waitForExit(seconds: Double) -> Int32? {
        process.waitForExit(timeout: seconds) ? process.terminationStatus : nil
    }

    /// Stops the daemon's process (SIGSTOP) until `resume`: what clients send meanwhile waits in
    /// its socket, so requests a client replaces are still unanswered when it cancels them.
    func pause() {
        kill(process.processIdentifier, SIGSTOP)
    }

    /// Lets a paused daemon run again (SIGCONT).
    func resume() {
        kill(process.processIdentifier, SIGCONT)
    }

    /// Kills the daemon at once, leaving its socket file behind like a crash would.
    func crash() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// The daemon's `stats`, through `passim status --json`.
    func stats(in directory: TemporaryDirectory) throws -> StatsResult {
        let result = try PassimProcess.run(["status", "--json", "--socket", socket], in: directory.url)
        let status = try JSONDecoder().decode(StatusJSON.self, from: Data(result.stdout.utf8))
        guard let stats = status.stats else { throw DaemonProcessError("no stats in \(result.stdout)") }
        return stats
    }
}

extension DaemonProcess {
    /// The daemon's `stats` once `condition` holds of them (asked again until it does, up to 30
    /// seconds); the last ones asked otherwise.
    func waitForStats(in directory: TemporaryDirectory, until condition: (StatsResult) -> Bool) throws
        -> StatsResult
    {
        let deadline = Date().addingTimeInterval(30)
        var stats = try self.stats(in: directory)
        while !condition(stats) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
            stats = try self.stats(in: directory)
        }
        return stats
    }
}

extension DaemonProcess {
    /// Connections to the socket that the daemon has not accepted yet (it is paused): the
    /// kernel lists each in /proc/net/unix with the socket's path in state 02 (connecting), even
    /// once its client has closed it.
    var connectionsWaiting: Int {
        let table = (try? String(contentsOfFile: "/proc/net/unix", encoding: .utf8)) ?? ""
        return table.split(separator: "\n").count { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            return fields.count >= 8 && fields[5] == "02" && fields[7...].joined(separator: " ") == socket
        }
    }

    /// Waits until `count` connections wait for the paused daemon (up to 30 seconds); whether
    /// they do.
    func waitForConnectionsWaiting(_ count: Int) -> Bool {
        let deadline = Date().addingTimeInterval(30)
        while connectionsWaiting < count {
            guard Date() < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return true
    }
}

/// `passim status --json`.
struct StatusJSON: Decodable {
    var running: Bool
    var socket: String
    var stats: StatsResult?
    var reason: String?
}

struct DaemonProcessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
