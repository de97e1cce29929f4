import Foundation
import Testing

/// A real second writer on an index: Xapian's Python bindings open the database for writing,
/// so its lock is held until `release` (or the end of the test).
final class LockHolder {
    private let process: Process
    private let input = Pipe()

    /// Opens `database` for writing and returns once the lock is held.
    init(database: String) throws {
        let output = Pipe()
        process = XapianPython.process(
            "db = xapian.WritableDatabase(sys.argv[1]); print('locked', flush=True); sys.stdin.read(); db.close()",
            [database])
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let ready = output.fileHandleForReading.availableDataLine()
        guard ready == "locked" else {
            release()
            throw DaemonProcessError("python3 could not take the write lock (python3-xapian missing?)")
        }
    }

    deinit {
        release()
    }

    /// Lets go of the lock and waits for the holder to exit.
    func release() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
