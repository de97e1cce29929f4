import Foundation
import PassimTestSupport
import Testing

/// The benchmark harness (scripts/bench/run) on a tiny synthetic corpus, with the real binary,
/// the real daemon and every peer that is installed, so the harness cannot rot unnoticed.
/// Figures are checked for presence and sanity, never against time limits.
@Suite struct BenchSmokeTests {
    static let python = "/usr/bin/python3"
    static let scripts = Repository.root.appendingPathComponent("scripts/bench")

    /// Figures every engine that answers queries must report (paths into results.json).
    static let engineFigures =
        [
            "ingest.seconds", "ingest.mb_per_s", "ingest.passages_per_s", "ingest.index_mb", "ingest.peak_rss_mb",
        ]
        + ["phrases_or", "phrases_and", "headings_or"].flatMap { set in
            ["p50_ms", "p90_ms", "p99_ms", "qps"].map { "queries.\(set).\($0)" }
        } + [
            "quality.headings_or.ndcg10", "quality.headings_or.mrr10", "quality.phrases_or.mrr10",
            "quality.phrases_and.mrr10",
        ]

    static let daemonFigures = [
        "start_to_first_answer_ms", "rss_after_start_mb", "rss_after_queries_mb", "rss_peak_mb", "speedup",
        "clients_1.p50_ms", "clients_1.p99_ms", "clients_1.qps", "clients_8.p50_ms", "clients_8.p99_ms",
        "clients_8.qps", "ping.p50_ms", "ping.p99_ms", "new_article_searchable_ms",
    ]

    @Test func theHarnessReportsEveryFigureForEveryInstalledEngine() throws {
        let dir = try TemporaryDirectory("passim-bench-smoke")
        let made = try Self.run(
            [Self.scripts.appendingPathComponent("make_smoke_corpus.py").path, dir.file("corpus").path])
        try #require(made.status == 0, "\(made.stderr)")

        var engines = ["passim", "fts5"]
        if try Self.run(["-c", "import xapian"]).status == 0 { engines.append("xapian") }
        let venv = Repository.root.appendingPathComponent(".bench/venv/bin/python").path
        if FileManager.default.isExecutableFile(atPath: venv),
            try Self.run(["-c", "import tantivy"], interpreter: venv).status == 0
        {
            engines.append("tantivy")
        }
        let bench = try Self.run([
            Self.scripts.appendingPathComponent("run").path, "--corpus", dir.file("corpus").path,
            "--work", dir.file("work").path, "--out", dir.file("out").path, "--fraction", "1", "--runs", "1",
            "--offline", "--passim", PassimProcess.binary.path, "--rss-queries", "200",
            "--engines", engines.joined(separator: ","),
        ])
        #expect(bench.status == 0, "\(bench.stderr)")
        #expect(bench.stdout.contains("| figure | passim |"))

        let data = try Data(contentsOf: dir.file("out/results.json"))
        let results = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((results["missing"] as? [Any])?.isEmpty == true, "\(results["missing"] ?? "")")
        let byEngine = try #require(results["engines"] as? [String: Any])
        let corpus = try #require(results["corpus"] as? [String: Any])
        #expect(corpus["passages"] as? Int == 312)

        for engine in engines {
            let figures = try #require(byEngine[engine] as? [String: Any], "no figures for \(engine)")
            for path in Self.engineFigures {
                let value = Self.number(figures, path)
                #expect(
                    value.map { $0.isFinite && $0 >= 0 } == true, "\(engine) \(path) = \(String(describing: value))")
            }
            #expect(Self.number(figures, "ingest.passages") == 312, "\(engine) indexed every passage")
            // Every section heading occurs in its own passages: an engine whose hits were mapped
            // to the wrong passage ids would score near zero here.
            #expect((Self.number(figures, "quality.headings_or.ndcg10") ?? 0) > 0.5, "\(engine)")
            #expect((Self.number(figures, "quality.phrases_or.mrr10") ?? 0) > 0.2, "\(engine)")
            #expect(Self.number(figures, "queries.phrases_or.errors") == 0, "\(engine) query errors")
        }
        let articles = try #require(byEngine["passim-articles"] as? [String: Any])
        #expect((Self.number(articles, "ingest.passages") ?? 0) > 0)
        #expect((Self.number(articles, "ingest.mb_per_s") ?? 0) > 0)

        let daemon = try #require((byEngine["passim"] as? [String: Any])?["daemon"] as? [String: Any])
        for path in Self.daemonFigures {
            let value = Self.number(daemon, path)
            #expect(value.map { $0.isFinite && $0 > 0 } == true, "daemon \(path) = \(String(describing: value))")
        }
        #expect(Self.number(daemon, "rss_queries") == 200)
        #expect(Self.number(daemon, "clients_1.errors") == 0)
        #expect(Self.number(daemon, "clients_8.errors") == 0)

        let ratios = try #require(results["ratios"] as? [String: Any])
        for peer in engines where peer != "passim" {
            let advantage = try #require(ratios[peer] as? [String: Any], "no ratios for \(peer)")
            #expect(Self.number(advantage, "ingest.mb_per_s").map { $0 > 0 } == true, "\(peer)")
        }
        #expect((results["goals"] as? [Any])?.isEmpty == false)
    }

    /// A number at a dotted path (`queries.phrases_or.p50_ms`), keys may contain dots only at the top.
    static func number(_ object: [String: Any], _ path: String) -> Double? {
        if let direct = object[path] as? NSNumber { return direct.doubleValue }
        var current: Any = object
        for part in path.split(separator: ".") {
            guard let dictionary = current as? [String: Any], let next = dictionary[String(part)] else { return nil }
            current = next
        }
        return (current as? NSNumber)?.doubleValue
    }

    /// Runs Debian's Python (or `interpreter`) with `arguments`; output goes through files, so
    /// no pipe can fill up and block the child.
    static func run(_ arguments: [String], interpreter: String = python) throws -> ProcessResult {
        let logs = try TemporaryDirectory("passim-bench-output")
        _ = FileManager.default.createFile(atPath: logs.file("out").path, contents: nil)
        _ = FileManager.default.createFile(atPath: logs.file("err").path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter)
        process.arguments = arguments
        process.currentDirectoryURL = Repository.root
        process.standardOutput = try FileHandle(forWritingTo: logs.file("out"))
        process.standardError = try FileHandle(forWritingTo: logs.file("err"))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: logs.file("out")), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: logs.file("err")), as: UTF8.self))
    }
}
