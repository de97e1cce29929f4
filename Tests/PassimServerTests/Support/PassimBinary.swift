import Foundation
import PassimTestSupport

extension PassimBinary {
    /// Runs `passim` to completion, returning its status and output.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessOutput {
        try ProcessOutput.run(url, arguments, environment: ["NO_COLOR": "1"].merging(environment) { $1 })
    }

    /// The same, waited for without blocking the caller's thread (for async tests).
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> ProcessOutput {
        try await offload { try run(arguments, environment: environment) }
    }
}

/// What a finished child process said.
struct ProcessOutput: Sendable {
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
        // Both at once, before waiting: a large output on either must not block the child.
        let (outData, errData) = out.readToEnd(alongside: err)
        process.waitUntilExit()
        return ProcessOutput(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
