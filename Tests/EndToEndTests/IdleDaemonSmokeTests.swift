import Foundation
import PassimTestSupport
import Testing

/// `scripts/bench/idle-daemon` in a short run with the real binary, so the script behind
/// BENCHMARKS.md's "The daemon at rest" cannot rot. Its figures are checked for presence and
/// sense, never against a time.
@Suite struct IdleDaemonSmokeTests {
    @Test func theScriptReportsIdleWakeUpsAndCommitLatency() throws {
        let dir = try TemporaryDirectory("passim-idle-smoke")
        let run = try BenchSmokeTests.run([
            BenchSmokeTests.scripts.appendingPathComponent("idle-daemon").path, "--idle", "1", "--commits", "2",
            PassimProcess.binary.path, dir.file("work").path,
        ])
        try #require(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let idle = try #require(lines.first { $0.hasPrefix("idle 1 s: ") }, "\(run.stdout)")
        let numbers = idle.split(whereSeparator: { !$0.isNumber && $0 != "." }).compactMap { Double($0) }
        // "idle 1 s: N context switches (N/s), T threads"
        #expect(numbers.count == 4 && numbers[3] >= 2, "\(idle)")
        let latency = try #require(lines.first { $0.hasPrefix("commit to index/didChange, ms: median ") })
        #expect(latency.contains(", min ") && latency.contains(", max "), "\(latency)")
    }
}
