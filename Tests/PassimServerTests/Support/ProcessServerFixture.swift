import Foundation
import PassimTestSupport
import Testing

/// A real `passim serve` process on a temporary socket, over a temporary index ingested from a
/// copy of the seed corpus: for what is about a process (signals, exit status, socket files,
/// descriptor limits, memory). Tests stop it themselves (`stop`); `deinit` kills it if a test
/// ended early, so no daemon outlives its test.
final class ProcessServerFixture: @unchecked Sendable {
    let directory: TemporaryDirectory
    /// The copy of corpus/ the index was built from (its absolute paths are in the index).
    let corpus: String
    let index: String
    let socket: String
    let logFile: String
    private(set) var process: Process?

    /// Builds the index and, unless `start` is false, starts the daemon and waits until it
    /// answers a ping.
    init(environment: [String: String] = [:], start: Bool = true, ingest: Bool = true) throws {
        directory = try TemporaryDirectory()
        corpus = directory.path("corpus")
        index = directory.path("index")
        socket = directory.path("run/passim.sock")
        logFile = directory.path("daemon.log")
        try SeedCorpus.copy(to: corpus)
        if ingest {
            let result = try PassimBinary.run(["ingest", "--index", index, corpus])
            guard result.status == 0 else {
                throw FixtureError("passim ingest failed (\(result.status)): \(result.stderr)")
            }
        }
        if start { try self.start(environment: environment) }
    }

    deinit {
        if let process, process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    var pid: Int32 { process?.processIdentifier ?? -1 }

    /// The daemon's log so far (for failure messages).
    var log: String { (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "" }

    /// Launches `passim serve` and waits (bounded) until it says it listens and answers; with
    /// `descriptorLimit`, under that `ulimit -n`.
    func start(environment: [String: String] = [:], socket: String? = nil, descriptorLimit: Int? = nil) throws {
        let logs = DaemonLog(file: logFile)
        let process = try launch(
            environment: environment, socket: socket ?? self.socket, stderr: logs.pipe,
            descriptorLimit: descriptorLimit, logToStandardError: true)
        self.process = process
        logs.startDraining()
        guard logs.waitForListening(timeout: 60) else {
            throw FixtureError("passim serve did not start listening: \(log)")
        }
        // It listens before it serves (and handles signals): the first answer says it serves.
        guard (try TestClient(socket: socket ?? self.socket).call("ping", timeout: 60))["result"] != nil else {
            throw FixtureError("passim serve did not answer a ping: \(log)")
        }
    }

    /// Runs a `passim serve` that is expected to refuse to start; returns its exit status (nil
    /// when it did not exit in time and was killed) and what it told the terminal.
    func serveExpectingRefusal(socket: String, environment: [String: String] = [:]) throws -> (
        status: Int32?, stderr: String
    ) {
        let stderr = Pipe()
        let process = try launch(environment: environment, socket: socket, stderr: stderr)
        let status = Self.waitForExit(process)
        let text = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (status, text)
    }

    /// Starts another `passim serve` with these arguments and returns it unwaited.
    func launch(
        environment: [String: String] = [:], socket: String, extra: [String] = [], stderr: Pipe? = nil,
        descriptorLimit: Int? = nil, logToStandardError: Bool = false
    ) throws -> Process {
        let process = Process()
        let logging = logToStandardError ? [] : ["--log-file", logFile]
        // Watching would race the tests' own ingests; the watcher has tests of its own.
        let arguments = ["serve", "--index", index, "--socket", socket, "--no-watch"] + logging + extra
        if let descriptorLimit {
            // The shell sets the limit and becomes passim (exec), so the pid is the daemon's.
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments =
                ["-c", "ulimit -n \(descriptorLimit) && exec \"$0\" \"$@\"", PassimBinary.url.path] + arguments
        } else {
            process.executableURL = PassimBinary.url
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["PASSIM_LOG_LEVEL"] = "debug"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Sends `signal` and waits for the exit; returns the exit status, or nil when the daemon
    /// had to be killed (it did not stop within the bound) or died of a signal.
    @discardableResult
    func stop(signal: Int32 = SIGTERM) -> Int32? {
        guard let process else { return nil }
        if process.isRunning { kill(process.processIdentifier, signal) }
        return Self.waitForExit(process)
    }

    /// Waits (bounded) for `process` to exit; kills it when it does not.
    static func waitForExit(_ process: Process, timeout: Double = 30) -> Int32? {
        guard process.waitForExit(timeout: timeout) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationReason == .exit ? process.terminationStatus : nil
    }

    /// A new client connection.
    func client(_ framing: TestFraming = .lines) throws -> TestClient {
        try TestClient(socket: socket, framing: framing)
    }

    /// Open file descriptors of the daemon (Linux /proc).
    func openDescriptors() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
