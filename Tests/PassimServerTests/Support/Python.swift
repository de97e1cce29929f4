import Foundation

/// Runs a Python 3 script (standard library only) with the system interpreter.
enum Python {
    static let interpreter = "/usr/bin/python3"

    static func run(_ script: String, arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let directory = try TemporaryDirectory("psp")
        let file = directory.path("client.py")
        try script.write(toFile: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter)
        process.arguments = [file] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
