import Foundation
import PassimTestSupport
import Testing

/// SIGKILL `passim ingest` at random moments: the index must always open, hold only whole
/// articles, and converge to the same result as a clean build when the ingest is re-run.
/// A sharded index likewise: every shard and the catalog hold each article old or new (the
/// check counts a shard's commit its catalog has not applied, as the next writer applies it),
/// and it converges to what a clean single index answers.
@Suite struct KillIngestTests {
    static let kills = 24

    @Test(arguments: [nil, 3] as [Int?]) func killedIngestNeverLeavesAPartialArticle(shards: Int?) throws {
        let dir = try TemporaryDirectory("passim-kill")
        let live = dir.file("live")
        try SyntheticCorpus.write(version: 1, articles: 120, into: live)

        // The state a crash must never corrupt: version 1, fully ingested.
        let sharding = shards.map { ["--shards", String($0)] } ?? []
        let base = try PassimProcess.run(["ingest", "--index", "idx"] + sharding + ["live"], in: dir.url)
        #expect(base.status == 0, "\(base.stderr)")
        // The answer a finished re-run must reach: version 2 built from scratch.
        try SyntheticCorpus.write(version: 2, articles: 140, into: dir.file("reference"))
        let started = Date()
        let clean = try PassimProcess.run(
            ["ingest", "--index", "clean", "--batch-size", "5", "reference"], in: dir.url)
        #expect(clean.status == 0, "\(clean.stderr)")
        let fullRun = max(Date().timeIntervalSince(started), 0.05)

        var generator = SeededGenerator(seed: 0x5EED_1D3A)
        var interrupted = 0
        for round in 0..<Self.kills {
            // Alternate versions 3 and 2 (ending on 2) so every round has articles to replace,
            // add and, with --prune, remove.
            let version = round % 2 == Self.kills % 2 ? 3 : 2
            try SyntheticCorpus.write(version: version, articles: version == 2 ? 140 : 130, into: live)
            let (delay, wasInterrupted) = try PassimProcess.killAtRandomMoment(
                ["ingest", "--index", "idx", "--prune", "--batch-size", "5", "live"], in: dir.url, within: fullRun,
                using: &generator)
            if wasInterrupted { interrupted += 1 }

            let check = try PassimProcess.run(["check", "--index-only", "--index", "idx"], in: dir.url)
            #expect(check.status == 0, "round \(round), killed after \(delay)s: \(check.stdout)\(check.stderr)")
            if check.status != 0 { break }
        }
        // Most kills must land while the ingest is running, or the test proves nothing.
        #expect(interrupted >= Self.kills / 2, "only \(interrupted) of \(Self.kills) kills interrupted an ingest")

        let finish = try PassimProcess.run(["ingest", "--index", "idx", "--prune", "live"], in: dir.url)
        #expect(finish.status == 0, "\(finish.stderr)")
        let finalCheck = try PassimProcess.run(["check", "--index-only", "--index", "idx"], in: dir.url)
        let cleanCheck = try PassimProcess.run(["check", "--index-only", "--index", "clean"], in: dir.url)
        #expect(finalCheck.status == 0)
        // Same article and passage counts (the revision differs).
        #expect(finalCheck.stdout.split(separator: ",").prefix(2) == cleanCheck.stdout.split(separator: ",").prefix(2))
        // Every match, not a top-k: passages with equal scores are ordered by docid, which
        // differs between the two indexes.
        for query in [
            "collagen scars", "\"stem cell therapy\"", "marker2", "title:regeneration", "fibroblasts OR melanocytes",
        ] {
            let recovered = try SearchJSON.decode(
                try PassimProcess.run(["search", "--index", "idx", "--json", "--limit", "1000", query], in: dir.url)
                    .stdout)
            let reference = try SearchJSON.decode(
                try PassimProcess.run(["search", "--index", "clean", "--json", "--limit", "1000", query], in: dir.url)
                    .stdout)
            #expect(recovered.estimatedTotal == reference.estimatedTotal, "\(query)")
            #expect(recovered.hits.count == reference.estimatedTotal, "\(query)")
            // The two indexes were built from folders of different names: compare ids below them.
            func local(_ id: String) -> String { String(id.drop { $0 != "/" }.dropFirst()) }
            let recoveredHits = Dictionary(uniqueKeysWithValues: recovered.hits.map { (local($0.passage.id), $0) })
            let referenceHits = Dictionary(uniqueKeysWithValues: reference.hits.map { (local($0.passage.id), $0) })
            #expect(Set(recoveredHits.keys) == Set(referenceHits.keys), "\(query)")
            for (id, hit) in referenceHits {
                #expect(recoveredHits[id]?.passage.text == hit.passage.text, "\(query) \(id)")
                #expect(abs((recoveredHits[id]?.score ?? -1) - hit.score) < 1e-9, "\(query) \(id)")
            }
        }
    }
}

/// Deterministic articles made from the seed corpus's sentences.
enum SyntheticCorpus {
    /// Writes `articles` articles of `version` into `directory`, emptied first unless `inPlace`
    /// (then each file is rewritten where it is, as an editor would, and the folder stays).
    static func write(version: Int, articles: Int, into directory: URL, inPlace: Bool = false) throws {
        let pool = try sentences()
        if !inPlace { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for i in 0..<articles {
            var text = "Regeneration Notes \(i) (version \(version))\n\n"
            let paragraphs = 2 + (i + version) % 4
            for p in 0..<paragraphs {
                let first = (i * 7 + p * 13 + version * 5) % pool.count
                let sentences = (0..<(2 + p % 3)).map { pool[(first + $0 * 3) % pool.count] }
                text += sentences.joined(separator: " ")
                text += " Marker\(version) token article\(i)x\(p).\n\n"
            }
            try Data(text.utf8).write(to: directory.appendingPathComponent(String(format: "a%03d.txt", i)))
        }
    }

    private static func sentences() throws -> [String] {
        var result: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: Repository.corpus.path).sorted()
        where file.hasSuffix(".txt") {
            let text = try String(contentsOf: Repository.corpus.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.count > 80 && !line.contains("http") {
                result += line.split(separator: ". ").map { $0.hasSuffix(".") ? String($0) : $0 + "." }
            }
        }
        return result
    }
}
