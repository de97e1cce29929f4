import Foundation
import PassimTestSupport
import Testing

/// SIGKILL `passim serve` while its corpus watcher ingests: the index always holds whole
/// articles, and the next daemon's start-up comparison finishes the work.
@Suite struct WatcherKillTests {
    static let kills = 3
    /// Three commits' worth (the watcher commits every 256 articles), so a kill in the middle
    /// of its work lands between two commits and leaves some articles new, some old.
    static let articles = 800

    @Test func aKilledWatcherLeavesWholeArticlesAndTheNextStartCatchesUp() throws {
        let dir = try TemporaryDirectory("passim-watch-kill")
        let live = dir.file("live")
        try SyntheticCorpus.write(version: 1, articles: Self.articles, into: live)
        let base = try PassimProcess.run(["ingest", "--index", "idx", "live"], in: dir.url)
        #expect(base.status == 0, "\(base.stderr)")
        // How long the writer takes to replace every article: the window the kills aim at.
        try SyntheticCorpus.write(version: 100, articles: Self.articles, into: live, inPlace: true)
        let started = Date()
        let update = try PassimProcess.run(["ingest", "--index", "idx", "live"], in: dir.url)
        #expect(update.status == 0, "\(update.stderr)")
        let batch = max(Date().timeIntervalSince(started), 0.05)
        var generator = SeededGenerator(seed: 0x3A7C_4E11)
        var midway = 0
        for round in 0..<Self.kills {
            let version = round + 2
            let daemon = try Self.serve(dir, round: round)
            // The last round's kill left work for this daemon's start-up comparison: let it
            // finish, so the commits waited on below are the new version's.
            let settle = try PassimProcess.run(
                ["ingest", "--index", "idx", "--socket", dir.path("s\(round).sock"), "--wait"], in: dir.url)
            #expect(settle.status == 0, "\(settle.stderr)")
            let commits = try CommitWatch(database: dir.path("idx/db"))
            try SyntheticCorpus.write(version: version, articles: Self.articles, into: live, inPlace: true)
            // After the batch's first commit (of four), and well before its last.
            #expect(commits.waitForCommit(timeout: 120), "round \(round): the watcher never committed")
            Thread.sleep(forTimeInterval: batch * Double.random(in: 0...0.3, using: &generator))
            kill(daemon.processIdentifier, SIGKILL)
            daemon.waitUntilExit()

            let check = try PassimProcess.run(["check", "--index-only", "--index", "idx"], in: dir.url)
            #expect(check.status == 0, "round \(round): \(check.stdout)\(check.stderr)")
            let outOfDate = try PassimProcess.run(["check", "--index", "idx"], in: dir.url).status != 0
            let search = try PassimProcess.run(
                ["search", "--no-daemon", "--index", "idx", "--json", "--limit", "1000", "Marker\(version)"],
                in: dir.url)
            let newer = try SearchJSON.decode(search.stdout).hits.count
            if outOfDate && newer > 0 { midway += 1 }
        }
        // The kills must land while a batch is being written for the test to prove anything;
        // each aims between the batch's first commit and its last.
        #expect(midway >= Self.kills - 1, "only \(midway) of \(Self.kills) kills landed while the watcher was writing")

        // A new daemon compares the corpus with the index at start and catches up; an ingest
        // that waits for the writer then finds nothing left to do.
        let last = try Self.serve(dir, round: Self.kills)
        defer {
            kill(last.processIdentifier, SIGKILL)
            last.waitUntilExit()
        }
        let wait = try PassimProcess.run(
            ["ingest", "--index", "idx", "--socket", dir.path("s\(Self.kills).sock"), "--wait"], in: dir.url)
        #expect(wait.status == 0, "\(wait.stderr)")
        let final = try PassimProcess.run(["check", "--index", "idx"], in: dir.url)
        #expect(final.status == 0, "\(final.stdout)\(final.stderr)")
        #expect(final.stdout.hasPrefix("\(Self.articles) articles"), "\(final.stdout)")
    }

    /// `passim serve` watching the index's corpus, once it says it listens.
    static func serve(_ dir: TemporaryDirectory, round: Int) throws -> Process {
        let logs = DaemonLog(file: dir.path("d\(round).log"))
        let process = try PassimProcess.start(
            ["serve", "--index", "idx", "--socket", dir.path("s\(round).sock")], in: dir.url, stderr: logs.pipe)
        logs.startDraining()
        try #require(logs.waitForListening(timeout: 60), "the daemon did not start")
        return process
    }
}
