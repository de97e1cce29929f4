import Foundation
import PassimTestSupport
import Testing

/// SIGKILL `passim ingest` while it builds a brand-new index (shards, compaction, publishing):
/// the index must always open and hold either nothing or every article, and the next ingest
/// must build it whole.
@Suite struct FreshBuildKillTests {
    static let kills = 12
    /// How long a whole build must take at least for kills to land inside it: a fast (release)
    /// binary builds a bigger corpus until it does.
    static let shortestBuild: TimeInterval = 0.5

    @Test func aKilledFreshBuildLeavesAnEmptyOrAWholeIndex() throws {
        let dir = try TemporaryDirectory("passim-fresh-kill")
        var articles = 200
        var fullRun: TimeInterval
        repeat {
            try? FileManager.default.removeItem(at: dir.file("reference"))
            try SyntheticCorpus.write(version: 1, articles: articles, into: dir.file("live"))
            let started = Date()
            let reference = try PassimProcess.run(["ingest", "--index", "reference", "live"], in: dir.url)
            try #require(reference.status == 0, "\(reference.stderr)")
            fullRun = Date().timeIntervalSince(started)
            articles *= 4
        } while fullRun < Self.shortestBuild && articles <= 12_800
        // Kills land within the time a whole ingest takes, re-measured every round (the fastest
        // so far): one slow reference run on a loaded machine put most kills after the end.
        fullRun = max(fullRun, 0.05)
        let whole = try PassimProcess.run(["check", "--index-only", "--index", "reference"], in: dir.url).stdout

        var generator = SeededGenerator(seed: 0xF2E5_B11D)
        var interrupted = 0
        for round in 0..<Self.kills {
            try? FileManager.default.removeItem(at: dir.file("idx"))
            let (delay, wasInterrupted) = try PassimProcess.killAtRandomMoment(
                ["ingest", "--index", "idx", "live"], in: dir.url, within: fullRun, using: &generator)
            if wasInterrupted { interrupted += 1 }

            let check = try PassimProcess.run(["check", "--index-only", "--index", "idx"], in: dir.url)
            let counts = check.stdout.split(separator: ",").prefix(2)
            // Killed before the writer opened the index, there is no index at all.
            let empty = check.stdout.hasPrefix("0 articles, 0 passages") || check.stderr.contains("no index")
            #expect(
                empty || (check.status == 0 && counts == whole.split(separator: ",").prefix(2)),
                "round \(round), killed after \(delay)s: \(check.stdout)\(check.stderr)")

            let rerunStarted = Date()
            let rerun = try PassimProcess.run(["ingest", "--index", "idx", "live"], in: dir.url)
            #expect(rerun.status == 0, "\(rerun.stderr)")
            // After an interrupted build the rerun is a whole fresh build, as the reference was.
            if empty { fullRun = max(min(fullRun, Date().timeIntervalSince(rerunStarted)), 0.05) }
            let after = try PassimProcess.run(["check", "--index-only", "--index", "idx"], in: dir.url)
            #expect(
                after.status == 0
                    && after.stdout.split(separator: ",").prefix(2) == whole.split(separator: ",").prefix(2))
            #expect(!FileManager.default.fileExists(atPath: dir.path("idx/db.build")))
        }
        #expect(interrupted >= Self.kills / 2, "only \(interrupted) of \(Self.kills) kills interrupted an ingest")
    }
}
