import Foundation
import PassimTestSupport
import Testing

/// The result of running the real `passim` binary.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the `passim` executable that `swift build` put next to the test bundle.
enum PassimProcess {
    /// The binary under test (see PassimTestSupport).
    static var binary: URL { PassimBinary.url }

    /// Starts `passim` (or, as `through`, a program that runs it, such as `setpriv`) with
    /// `arguments` in `directory`; the caller waits or kills it.
    static func start(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:],
        stdout: Pipe = Pipe(), stderr: Pipe = Pipe(), through launcher: URL? = nil
    ) throws -> Process {
        let process = Process()
        process.executableURL = launcher ?? binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Starts `passim`, SIGKILLs it after a random delay in `0...window` seconds and waits for it.
    /// Returns the delay, and whether the kill interrupted the run (it had not exited by itself).
    static func killAtRandomMoment(
        _ arguments: [String], in directory: URL, within window: TimeInterval, using generator: inout SeededGenerator
    ) throws -> (delay: TimeInterval, interrupted: Bool) {
        let process = try start(arguments, in: directory)
        let delay = Double.random(in: 0...window, using: &generator)
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return (delay, process.terminationReason == .uncaughtSignal)
    }

    /// Runs `passim` to completion and captures its output.
    static func run(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:], through launcher: URL? = nil
    ) throws -> ProcessResult {
        let out = Pipe()
        let err = Pipe()
        let process = try start(
            arguments, in: directory, environment: environment, stdout: out, stderr: err, through: launcher)
        // Both at once, before waiting: a large output on either must not block the child.
        let (outData, errData) = out.readToEnd(alongside: err)
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

extension Repository {
    /// Copies the seed corpus's articles into `directory/corpus`.
    static func copyCorpus(into directory: TemporaryDirectory, as name: String = "corpus") throws {
        let target = directory.file(name)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: corpus.path) where file.hasSuffix(".txt") {
            try FileManager.default.copyItem(
                at: corpus.appendingPathComponent(file), to: target.appendingPathComponent(file))
        }
    }
}

extension Pipe {
    /// Reads what a process writes here until a line contains `text`; false when the stream
    /// ends first. The read blocks on the process's own output, so this waits for the event
    /// itself, not for a guess at how long it takes.
    func waitForLine(containing text: String) -> Bool {
        var seen = ""
        while true {
            let chunk = fileHandleForReading.availableData
            if chunk.isEmpty { return false }
            seen += String(decoding: chunk, as: UTF8.self)
            if seen.split(separator: "\n", omittingEmptySubsequences: false).contains(where: { $0.contains(text) }) {
                return true
            }
        }
    }
}
