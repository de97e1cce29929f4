import Foundation
import Testing

/// The result of running the real `passim` binary.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the `passim` executable that `swift build` put next to the test bundle.
enum PassimProcess {
    /// The binary under test: `$PASSIM_BINARY`, or `passim` beside the test runner.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["PASSIM_BINARY"] {
            return URL(fileURLWithPath: path)
        }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        // On Linux the runner is `<products>/PassimPackageTests.xctest`; on macOS it is inside a bundle.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("passim")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return runner.deletingLastPathComponent().appendingPathComponent("passim")
    }

    /// Starts `passim` with `arguments` in `directory`; the caller waits or kills it.
    static func start(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:],
        stdout: Pipe = Pipe(), stderr: Pipe = Pipe()
    ) throws -> Process {
        let process = Process()
        process.executableURL = binary
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

    /// Runs `passim` to completion and captures its output.
    static func run(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:]
    ) throws -> ProcessResult {
        let out = Pipe()
        let err = Pipe()
        let process = try start(arguments, in: directory, environment: environment, stdout: out, stderr: err)
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A temporary directory removed when the test ends.
final class TemporaryDirectory: Sendable {
    let url: URL

    init(_ name: String = "passim-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func file(_ relative: String) -> URL { url.appendingPathComponent(relative) }

    /// Writes `contents` to `relative`, creating folders.
    func write(_ relative: String, _ contents: String) throws {
        try write(relative, Data(contents.utf8))
    }

    func write(_ relative: String, _ data: Data) throws {
        let target = file(relative)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: target)
    }
}

/// The repository root, found from this file's path.
enum Repository {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var corpus: URL { root.appendingPathComponent("corpus") }

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
