import Foundation

/// The real `passim` executable that `swift build` put next to the test runner.
enum PassimBinary {
    /// `$PASSIM_BINARY`, or `passim` beside the test runner (or a few folders up from it).
    static var url: URL {
        if let path = ProcessInfo.processInfo.environment["PASSIM_BINARY"] {
            return URL(fileURLWithPath: path)
        }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("passim")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return runner.deletingLastPathComponent().appendingPathComponent("passim")
    }

    /// Runs `passim` to completion, returning its status and output.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessOutput {
        try ProcessOutput.run(url, arguments, environment: ["NO_COLOR": "1"].merging(environment) { $1 })
    }
}

/// What a finished child process said.
struct ProcessOutput {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Runs `executable` to completion with no input, capturing both outputs.
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws
        -> ProcessOutput
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read before waiting so a large output cannot fill a pipe and block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessOutput(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// The repository root and its seed corpus.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var corpus: URL { root.appendingPathComponent("corpus") }
}

/// A temporary directory under /tmp (short, so socket paths fit), removed when released.
final class TemporaryDirectory: @unchecked Sendable {
    let url: URL

    init(_ name: String = "pst") throws {
        url = URL(fileURLWithPath: "/tmp").appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }
}
