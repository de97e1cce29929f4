import Foundation
import PassimTestSupport
import Testing

/// scripts/bench/smart_collection.py, which turns the classic test collections (ADI, MED, CACM,
/// NPL) into judged collection folders for the relevance harness, on tiny files of each format.
@Suite struct SmartCollectionTests {
    static let script = Repository.root.appendingPathComponent("scripts/bench/smart_collection.py").path

    /// Writes `files` into `dir`, runs the converter with `arguments`, and reads back the folder.
    private func convert(_ format: String, _ files: [String: String]) throws -> (status: Int32, out: [String: String]) {
        let dir = try TemporaryDirectory("passim-smart-collection")
        for (name, text) in files {
            try text.write(to: dir.file(name), atomically: false, encoding: .utf8)
        }
        let out = dir.file("collection")
        let run = try BenchSmokeTests.run([
            Self.script, format, "--docs", dir.file("docs").path, "--queries", dir.file("queries").path,
            "--qrels", dir.file("qrels").path, "--out", out.path,
        ])
        var written: [String: String] = [:]
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: out.path)) ?? []
        for name in names where name.hasSuffix(".txt") || name.hasSuffix(".tsv") {
            written[name] = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
        }
        if run.status != 0 { written["stderr"] = run.stderr }
        return (run.status, written)
    }

    @Test func smartRecordsBecomeArticlesQueriesAndTRECJudgments() throws {
        let docs = """
            .I 1
            .T
            wing in a
            slipstream .
            .A
            someone
            .W
            wing in a
            slipstream .
              the lift increase
            was measured .
              a second paragraph .
            .I 2
            .W
            maternal and fetal
            glucose levels .
            .I 3
            .T
            Algol 60
            .B
            CACM 1960

            """
        let queries = ".I 1\n.W\n what lift does a wing\nin a slipstream give?\n.N\n noted\n.I 2\n.W\n glucose\n"
        // CACM's form: query, document, then two columns that are not a gain; query 2 unjudged.
        let qrels = "01 1  0 0\n01 3  0 0\n"
        let result = try convert("smart", ["docs": docs, "queries": queries, "qrels": qrels])
        #expect(result.status == 0, "\(result.out["stderr"] ?? "")")
        #expect(
            result.out == [
                // The .W's first paragraph repeats the title, so it is left out.
                "articles/1.txt":
                    "# wing in a slipstream .\n\nthe lift increase was measured .\n\na second paragraph .\n",
                // No .T: no title line, so Passim derives one.
                "articles/2.txt": "maternal and fetal glucose levels .\n",
                "articles/3.txt": "# Algol 60\n",
                "queries.tsv": "1\twhat lift does a wing in a slipstream give?\n",
                "qrels.txt": "1 0 1 1\n1 0 3 1\n",
            ])
    }

    @Test func nplRecordsAndTRECQrelsWithGains() throws {
        let docs = "\n1\ncompact memories have\nflexible capacities\n   /\n2\nan analogue computer\n   /\n"
        let queries = "1\nMEASUREMENT OF\nMEMORIES\n/\n"
        let qrels = "1\n    2     1\n   /\n"
        let result = try convert("npl", ["docs": docs, "queries": queries, "qrels": qrels])
        #expect(result.status == 0, "\(result.out["stderr"] ?? "")")
        #expect(
            result.out == [
                "articles/1.txt": "compact memories have flexible capacities\n",
                "articles/2.txt": "an analogue computer\n",
                "queries.tsv": "1\tMEASUREMENT OF MEMORIES\n",
                "qrels.txt": "1 0 1 1\n1 0 2 1\n",
            ])
    }

    @Test func judgmentsOfUnknownDocumentsAreAnError() throws {
        let result = try convert(
            "smart", ["docs": ".I 1\n.W\ntext\n", "queries": ".I 1\n.W\nq\n", "qrels": "1 0 7 2\n"])
        #expect(result.status != 0)
        #expect(result.out["stderr"]?.contains("no document or query") == true)
    }
}
