import Foundation
import PassimProtocol
import PassimTestSupport
import Testing

/// `passim search`, `ingest` and `status` with a real `passim serve` on a temporary socket:
/// the daemon is used only when it serves the command's index, and the output is the same
/// with and without it.
@Suite(.serialized) struct DaemonCLITests {
    /// A copy of the seed corpus ingested into `idx`, in a fresh directory.
    static func indexedCorpus() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory("passim-daemon")
        try Repository.copyCorpus(into: dir)
        let ingest = try PassimProcess.run(["ingest", "--no-daemon", "--index", "idx", "corpus"], in: dir.url)
        guard ingest.status == 0 else { throw DaemonProcessError("ingest failed: \(ingest.stderr)") }
        return dir
    }

    /// Search arguments covering ranking, paging, collapsing, explanations, facets, phrases,
    /// NEAR, wildcards, fields, spelling correction and the two ways a search fails.
    static let searches: [[String]] = [
        ["stem cells"],
        ["--limit", "20", "collagen elastin"],
        ["--limit", "4", "--offset", "3", "acne scars"],
        // Pages the daemon searches in parts on its searcher threads.
        ["--limit", "60", "stem cells OR skin"],
        ["--limit", "45", "--offset", "5", "--per-article", "3", "cells OR collagen"],
        ["--per-article", "1", "stem cells"],
        ["--explain", "--limit", "3", "svf scars"],
        ["--facets", "--limit", "3", "acne scars"],
        ["\"umbilical cord blood\" donor"],
        ["collagen NEAR/3 elastin microneedling"],
        ["regenerat*"],
        ["title:scars -laser"],
        ["source:nih.gov skin"],
        ["body’s natural healing"],
        ["hyperpigmentaton"],
        ["nothingmatchesthisxyz"],
        ["(stem cells"],
        ["--limit", "0", "cells"],
    ]

    @Test func searchesThroughTheDaemonPrintExactlyWhatInProcessSearchesPrint() throws {
        let dir = try Self.indexedCorpus()
        let daemon = try DaemonProcess(index: "idx", in: dir)
        defer { daemon.stop() }
        let before = try daemon.stats(in: dir).queries.total
        var viaDaemon = 0
        for format in [["--json"], [], ["--vimgrep"]] {
            for arguments in Self.searches where format == ["--json"] || arguments.count == 1 {
                let common = ["search", "--index", "idx"] + format
                let served = try PassimProcess.run(common + ["--socket", daemon.socket] + arguments, in: dir.url)
                let local = try PassimProcess.run(common + ["--no-daemon"] + arguments, in: dir.url)
                // A limit the protocol refuses is answered before it becomes a search.
                if !arguments.contains("0") { viaDaemon += 1 }
                #expect(served.stdout == local.stdout, "\(format) \(arguments)")
                #expect(served.stderr == local.stderr, "\(format) \(arguments)")
                #expect(served.status == local.status, "\(format) \(arguments)")
                if format == ["--json"] && local.status == 0 {
                    #expect(try SearchJSON.decode(served.stdout).query == arguments.last)
                }
            }
        }
        // Every daemon-mode run searched on the daemon once; the --no-daemon runs never did.
        let after = try daemon.stats(in: dir).queries.total
        #expect(after - before == viaDaemon, "the daemon counted \(after - before) searches for \(viaDaemon) runs")
        #expect(viaDaemon > Self.searches.count)
    }

    @Test func ingestIsWrittenByTheDaemonAndPrintsWhatADirectIngestPrints() throws {
        let dir = try Self.indexedCorpus()
        try dir.write(
            "more/zebrafish.txt", "Zebrafish regeneration\n\nZebrafish regrow their fins through blastema formation.\n")
        try dir.write("more/utf16.txt", Data([0xFF, 0xFE, 0x41, 0x00, 0x0A, 0x00]))
        let daemon = try DaemonProcess(index: "idx", in: dir)
        defer { daemon.stop() }
        let revision = try #require(try daemon.stats(in: dir).index?.revision)

        let served = try PassimProcess.run(
            ["ingest", "--index", "idx", "--socket", daemon.socket, "more"], in: dir.url)
        // The same files written directly into a fresh index report the same, path for path.
        let direct = try PassimProcess.run(["ingest", "--index", "fresh", "--no-daemon", "more"], in: dir.url)
        #expect(served.status == 1, "\(served.stderr)")
        #expect(served.stdout == "added 1, updated 0, unchanged 0, removed 0, failed 1\n")
        #expect(served.stdout == direct.stdout)
        #expect(served.stderr == direct.stderr)
        #expect(served.stderr.hasPrefix("passim: more/utf16.txt: "), "\(served.stderr)")
        #expect(served.status == direct.status)

        // The daemon's ingestor did the work (it logs each run), and its searches see it at once.
        #expect(daemon.log.components(separatedBy: "ingest finished").count - 1 == 1, "\(daemon.log)")
        #expect(try #require(try daemon.stats(in: dir).index?.revision) > revision)
        for mode in [["--socket", daemon.socket], ["--no-daemon"]] {
            let found = try PassimProcess.run(
                ["search", "--index", "idx", "--json"] + mode + ["blastema"], in: dir.url)
            let hits = try SearchJSON.decode(found.stdout).hits
            #expect(hits.map(\.article.path) == [dir.file("more/zebrafish.txt").path], "\(mode)")
        }

        // Pruning goes through the daemon too.
        try FileManager.default.removeItem(at: dir.file("more/zebrafish.txt"))
        let pruned = try PassimProcess.run(
            ["ingest", "--index", "idx", "--socket", daemon.socket, "--prune", "more"], in: dir.url)
        #expect(pruned.stdout == "added 0, updated 0, unchanged 0, removed 1, failed 1\n", "\(pruned.stderr)")
        #expect(daemon.log.components(separatedBy: "ingest finished").count - 1 == 2)
        let gone = try PassimProcess.run(["search", "--index", "idx", "--json", "blastema"], in: dir.url)
        #expect(try SearchJSON.decode(gone.stdout).hits.isEmpty)
    }

    @Test func aBusyWriterThroughTheDaemonIsReportedAndWaitedFor() throws {
        let dir = try Self.indexedCorpus()
        try dir.write("more/zebrafish.txt", "Zebrafish\n\nZebrafish regrow fins through blastema formation.\n")
        let daemon = try DaemonProcess(index: "idx", in: dir)
        defer { daemon.stop() }
        let holder = try LockHolder(database: dir.file("idx/db").path)
        defer { holder.release() }

        let busy = try PassimProcess.run(["ingest", "--index", "idx", "--socket", daemon.socket, "more"], in: dir.url)
        #expect(busy.status == 2 && busy.stdout.isEmpty)
        #expect(
            busy.stderr.contains("being written by another ingest") && busy.stderr.contains("--wait"), "\(busy.stderr)")

        let output = Pipe()
        let errors = Pipe()
        let waiting = try PassimProcess.start(
            ["ingest", "--index", "idx", "--socket", daemon.socket, "--wait", "more"], in: dir.url, stdout: output,
            stderr: errors)
        // Refused once, it says it waits; it keeps asking until the lock is free.
        #expect(errors.waitForLine(containing: "being written by another ingest; waiting for it to finish"))
        #expect(waiting.isRunning)
        holder.release()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        waiting.waitUntilExit()
        #expect(waiting.terminationStatus == 0)
        #expect(String(decoding: printed, as: UTF8.self) == "added 1, updated 0, unchanged 0, removed 0, failed 0\n")
        #expect(daemon.log.contains("ingest finished"), "\(daemon.log)")
    }

    @Test func statusDescribesARunningDaemon() throws {
        let dir = try Self.indexedCorpus()
        let daemon = try DaemonProcess(index: "idx", in: dir)
        defer { daemon.stop() }
        _ = try PassimProcess.run(["search", "--index", "idx", "--socket", daemon.socket, "stem cells"], in: dir.url)

        let human = try PassimProcess.run(["status", "--socket", daemon.socket], in: dir.url)
        #expect(human.status == 0)
        let rows = Dictionary(
            human.stdout.split(separator: "\n").map { line -> (String, String) in
                let parts = line.split(separator: " ", maxSplits: 1)
                return (String(parts[0]), parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
            }, uniquingKeysWith: { first, _ in first })
        let json = try JSONDecoder().decode(
            StatusJSON.self,
            from: Data(try PassimProcess.run(["status", "--json", "--socket", daemon.socket], in: dir.url).stdout.utf8))
        let stats = try #require(json.stats)
        let index = try #require(stats.index)
        #expect(json.running && json.socket == daemon.socket)
        #expect(rows["daemon"]?.hasPrefix("running (passim ") == true, "\(human.stdout)")
        #expect(rows["socket"] == daemon.socket)
        #expect(rows["index"] == dir.file("idx").path && index.path == dir.file("idx").path)
        #expect(rows["revision"] == String(index.revision))
        #expect(rows["articles"] == "5" && index.articles == 5)
        #expect(rows["passages"] == String(index.passages) && index.passages > 5)
        #expect(rows["queries"]?.hasPrefix("1 (0 failed") == true, "\(human.stdout)")
        #expect(rows["latency"]?.hasPrefix("p50 ") == true, "\(human.stdout)")
        #expect(rows["uptime"]?.hasSuffix("s") == true)
        #expect(stats.queries.total == 1 && stats.latencyMs?.samples == 1)
    }

    @Test func statusWithoutADaemonExitsThree() throws {
        let dir = try TemporaryDirectory("passim-daemon")
        let socket = dir.file("none.sock").path
        let human = try PassimProcess.run(["status", "--socket", socket], in: dir.url)
        #expect(human.status == 3)
        #expect(human.stdout.hasPrefix("daemon  not running\n"), "\(human.stdout)")
        #expect(human.stdout.contains("socket  \(socket)\n"))
        #expect(human.stdout.contains("start one with `passim serve`"))
        let json = try PassimProcess.run(["status", "--json", "--socket", socket], in: dir.url)
        #expect(json.status == 3)
        let status = try JSONDecoder().decode(StatusJSON.self, from: Data(json.stdout.utf8))
        #expect(!status.running && status.stats == nil && status.socket == socket)
        #expect(status.reason?.contains("no daemon is running") == true)
    }

    @Test func stopEndsTheDaemonAndRemovesItsSocket() throws {
        let dir = try Self.indexedCorpus()
        let daemon = try DaemonProcess(index: "idx", in: dir, name: "stopped")
        defer { daemon.stop() }
        let stopped = try PassimProcess.run(["stop", "--socket", daemon.socket], in: dir.url)
        #expect(stopped.status == 0, "\(stopped.stderr)")
        #expect(stopped.stdout == "stopped the daemon on \(daemon.socket)\n")
        #expect(!FileManager.default.fileExists(atPath: daemon.socket))
        #expect(daemon.waitForExit(seconds: 30) == 0, "\(daemon.log)")
        // Nothing runs now: stop says so with status's exit code.
        let again = try PassimProcess.run(["stop", "--socket", daemon.socket], in: dir.url)
        #expect(again.status == 3)
        #expect(again.stderr.contains("no daemon is running"), "\(again.stderr)")
    }

    @Test func ctrlCDuringAnIngestThroughTheDaemonCancelsItThere() throws {
        let dir = try Self.indexedCorpus()
        let daemon = try DaemonProcess(index: "idx", in: dir, name: "interrupted")
        defer { daemon.stop() }
        let count = try Self.notesForALongIngest(in: dir)
        for number in 0..<count { try Self.writeNote(number, into: "many", in: dir) }
        let before = try daemon.stats(in: dir).index?.revision ?? 0
        let stderr = Pipe()
        let ingest = try PassimProcess.start(
            ["ingest", "--index", "idx", "--socket", daemon.socket, "many"], in: dir.url, stderr: stderr)
        // Interrupt once the first batch is committed: the daemon is in the middle of the ingest.
        var revision = before
        for _ in 0..<1_200 where revision == before && ingest.isRunning {
            usleep(25_000)
            revision = try daemon.stats(in: dir).index?.revision ?? before
        }
        try #require(ingest.isRunning, "the ingest ended before it could be interrupted")
        kill(ingest.processIdentifier, SIGINT)
        ingest.waitUntilExit()
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(ingest.terminationStatus == 130, "\(message)")
        #expect(message.contains("interrupted; the daemon stops the ingest"), "\(message)")

        // Once the daemon's writer is free again (`--wait` gets its turn), it has stopped early,
        // on an article boundary, and it still serves searches.
        let next = try PassimProcess.run(
            ["ingest", "--index", "idx", "--socket", daemon.socket, "--wait", "corpus"], in: dir.url)
        try #require(next.status == 0, "the daemon's writer stayed busy: \(next.stderr)")
        let articles = try daemon.stats(in: dir).index?.articles ?? 0
        #expect(articles > 5 && articles < 5 + count, "\(articles) articles")
        let search = try PassimProcess.run(
            ["search", "--index", "idx", "--socket", daemon.socket, "cells"], in: dir.url)
        #expect(search.status == 0, "\(search.stderr)")
        let check = try PassimProcess.run(["check", "--index-only", "--index", "idx"], in: dir.url)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    static func writeNote(_ number: Int, into folder: String, in dir: TemporaryDirectory) throws {
        try dir.write(
            "\(folder)/note-\(number).txt", "Note \(number)\n\nA short note about item \(number) and its cells.\n")
    }

    /// Enough notes that the daemon is still writing them when an interrupt comes: at least
    /// 3,000, more for a fast (release) binary, from how long it takes to ingest a sample alone.
    static func notesForALongIngest(in dir: TemporaryDirectory) throws -> Int {
        let sample = 300
        for number in 0..<sample { try writeNote(number, into: "sample", in: dir) }
        let started = Date()
        let run = try PassimProcess.run(["ingest", "--no-daemon", "--index", "sample-idx", "sample"], in: dir.url)
        guard run.status == 0 else { throw DaemonProcessError("the sample ingest failed: \(run.stderr)") }
        let seconds = max(Date().timeIntervalSince(started), 0.01)
        return min(30_000, max(3_000, Int(Double(sample) * 3 / seconds)))
    }

    @Test func aStaleSocketFallsBackToWorkingInProcess() throws {
        let dir = try Self.indexedCorpus()
        let daemon = try DaemonProcess(index: "idx", in: dir, name: "stale")
        daemon.crash()
        #expect(FileManager.default.fileExists(atPath: daemon.socket), "a killed daemon leaves its socket")

        let served = try PassimProcess.run(
            ["search", "--index", "idx", "--json", "--socket", daemon.socket, "acne scars"], in: dir.url)
        let local = try PassimProcess.run(
            ["search", "--index", "idx", "--json", "--no-daemon", "acne scars"], in: dir.url)
        #expect(served.status == 0 && served.stderr.isEmpty, "\(served.stderr)")
        #expect(served.stdout == local.stdout)
        #expect(!(try SearchJSON.decode(served.stdout).hits.isEmpty))

        let status = try PassimProcess.run(["status", "--socket", daemon.socket], in: dir.url)
        #expect(status.status == 3)
        #expect(status.stdout.contains("nothing answers"), "\(status.stdout)")

        try dir.write("more/zebrafish.txt", "Zebrafish\n\nBlastema formation regrows fins.\n")
        let ingest = try PassimProcess.run(
            ["ingest", "--index", "idx", "--socket", daemon.socket, "more"], in: dir.url)
        #expect(ingest.status == 0 && ingest.stdout == "added 1, updated 0, unchanged 0, removed 0, failed 0\n")
    }

    @Test func aDaemonOnAnotherIndexIsNotUsed() throws {
        let dir = try Self.indexedCorpus()
        try dir.write("other/zebrafish.txt", "Zebrafish\n\nStem cells in the blastema regrow fins.\n")
        let other = try PassimProcess.run(["ingest", "--no-daemon", "--index", "otheridx", "other"], in: dir.url)
        try #require(other.status == 0)
        let daemon = try DaemonProcess(index: "otheridx", in: dir)
        defer { daemon.stop() }

        let served = try PassimProcess.run(
            ["search", "--index", "idx", "--json", "--socket", daemon.socket, "stem cells"], in: dir.url)
        let local = try PassimProcess.run(
            ["search", "--index", "idx", "--json", "--no-daemon", "stem cells"], in: dir.url)
        #expect(served.status == 0 && served.stdout == local.stdout)
        #expect(try SearchJSON.decode(served.stdout).hits.allSatisfy { !$0.article.path.contains("/other/") })

        try dir.write("more/axolotl.txt", "Axolotl\n\nAxolotls regrow limbs.\n")
        let ingest = try PassimProcess.run(
            ["ingest", "--index", "idx", "--socket", daemon.socket, "more"], in: dir.url)
        #expect(ingest.status == 0 && ingest.stdout == "added 1, updated 0, unchanged 0, removed 0, failed 0\n")

        // The other daemon answered the handshakes but was asked for no search and no ingest.
        let stats = try daemon.stats(in: dir)
        #expect(stats.queries.total == 0)
        #expect(stats.index?.articles == 1)
        #expect(!daemon.log.contains("ingest finished"))
    }
}
