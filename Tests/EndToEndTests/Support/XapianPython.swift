import Foundation

/// Debian's `/usr/bin/python3` with `python3-xapian` (installed by scripts/setup): Xapian used
/// directly, as another program than passim would, to set up what a test needs.
enum XapianPython {
    /// A process running `script` (which imports `xapian`) with `arguments` as `sys.argv[1...]`; not started.
    static func process(_ script: String, _ arguments: [String]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", "import sys, xapian; " + script] + arguments
        return process
    }

    /// Runs `script` to completion; true when it succeeded.
    static func run(_ script: String, _ arguments: [String]) throws -> Bool {
        let process = process(script, arguments)
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
