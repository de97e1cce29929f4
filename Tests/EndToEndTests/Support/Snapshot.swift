import Foundation
import Testing

/// Compares CLI output with a file in `Tests/EndToEndTests/Snapshots`; `PASSIM_RECORD=1`
/// writes the file instead. A missing snapshot fails unless recording.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func assert(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["PASSIM_RECORD"] == "1" {
            try Data(actual.utf8).write(to: file)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record(
                "snapshot \(name) is missing: run with PASSIM_RECORD=1 to record it", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "output differs from snapshot \(name)", sourceLocation: sourceLocation)
    }
}
