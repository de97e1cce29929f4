import Foundation
import PassimTestSupport
import Testing

/// The relevance harness (scripts/bench/relevance) on a tiny judged collection, with the real
/// binary and the peers that need nothing installed, so the harness cannot rot unnoticed.
@Suite struct RelevanceSmokeTests {
    /// Four articles and three queries, each with one relevant article that only it matches
    /// (and one judged article that nothing finds), so every figure is known exactly.
    static let articles = [
        "1": "# Boundary layers\n\nThe boundary layer thickens downstream of the leading edge of a flat plate.\n",
        "2": "# Shock waves\n\nA normal shock wave raises the pressure behind it in supersonic flow.\n",
        "3": "# Heat transfer\n\nHeat transfer to a blunt body peaks at the stagnation point of the nose.\n",
        "4": "# Catalogues\n\nLibraries index their catalogues by subject headings and authors.\n",
    ]
    static let queries = "1\tboundary layer plate\n2\tsupersonic shock pressure\n3\tstagnation point heating\n"
    // Query 3's second relevant article (4) is found by nothing: recall 0.5, MAP 0.5.
    static let qrels = "1 0 1 2\n2 0 2 1\n3 0 3 4\n3 0 4 1\n"

    @Test func theHarnessScoresEveryEngineOnAJudgedCollection() throws {
        let dir = try TemporaryDirectory("passim-relevance-smoke")
        let collection = dir.file("collections/tiny")
        try FileManager.default.createDirectory(
            at: collection.appendingPathComponent("articles"), withIntermediateDirectories: true)
        for (id, text) in Self.articles {
            try text.write(
                to: collection.appendingPathComponent("articles/\(id).txt"), atomically: false, encoding: .utf8)
        }
        try Self.queries.write(to: collection.appendingPathComponent("queries.tsv"), atomically: false, encoding: .utf8)
        try Self.qrels.write(to: collection.appendingPathComponent("qrels.txt"), atomically: false, encoding: .utf8)

        let run = try BenchSmokeTests.run([
            Repository.root.appendingPathComponent("scripts/bench/relevance").path,
            "--collections", dir.file("collections").path, "--engines", "passim,fts5", "--offline",
            "--passim", PassimProcess.binary.path, "--out", dir.file("out").path,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("| system | nDCG@10 | MAP@100 |"))

        let data = try Data(contentsOf: dir.file("out/relevance.json"))
        let results = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let tiny = try #require((results["collections"] as? [String: Any])?["tiny"] as? [String: Any])
        for engine in ["passim", "fts5"] {
            let figures = try #require(tiny[engine] as? [String: Any], "no figures for \(engine)")
            // Query 3: its one found article (gain 4) first, the other (gain 1) missing:
            // DCG 4, ideal 4 + 1/log2(3).
            let ndcg3 = 4 / (4 + 1 / log2(3.0))
            #expect(abs((BenchSmokeTests.number(figures, "ndcg10") ?? 0) - (2 + ndcg3) / 3) < 1e-9, "\(engine)")
            #expect(abs((BenchSmokeTests.number(figures, "map100") ?? 0) - 2.5 / 3) < 1e-9, "\(engine)")
            #expect(abs((BenchSmokeTests.number(figures, "recall100") ?? 0) - 2.5 / 3) < 1e-9, "\(engine)")
            #expect(BenchSmokeTests.number(figures, "mrr10") == 1, "\(engine)")
            #expect(BenchSmokeTests.number(figures, "zero_result_queries") == 0, "\(engine)")
            #expect(BenchSmokeTests.number(figures, "judged_queries") == 3, "\(engine)")
        }
    }
}
