import Foundation
import PassimTestSupport

/// Runs a Python 3 script (standard library only) with the system interpreter.
enum Python {
    static let interpreter = URL(fileURLWithPath: "/usr/bin/python3")

    static func run(_ script: String, arguments: [String]) throws -> ProcessOutput {
        let directory = try TemporaryDirectory("psp")
        let file = directory.path("client.py")
        try script.write(toFile: file, atomically: false, encoding: .utf8)
        return try ProcessOutput.run(interpreter, [file] + arguments)
    }
}
