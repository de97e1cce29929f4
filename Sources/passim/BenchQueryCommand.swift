import ArgumentParser
import Foundation
import PassimCore

/// Runs many queries in one process and prints each one's latency and hits, so the benchmark
/// (scripts/bench/run) measures the engine rather than process start-up. Hidden from help.
struct BenchQueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-query",
        abstract: "Time queries in-process: one JSON line per query (for scripts/bench/run).",
        discussion: """
            Reads `id<TAB>query` lines (further columns are ignored) and runs each query through the \
            same Searcher as `passim search`, top N with highlights. Prints one JSON object per query and \
            pass: {"pass","id","us","total","hits"}, where us is the search's wall time in microseconds.
            """,
        shouldDisplay: false
    )

    @OptionGroup var indexOptions: IndexOptions

    @Option(help: ArgumentHelp("Tab-separated queries: id<TAB>query per line.", valueName: "file"))
    var queries: String

    @Option(help: "Hits per query.")
    var limit = 10

    @Option(help: "Passes over the query file (each pass is printed).")
    var passes = 1

    @Flag(name: .customLong("no-spelling"), help: "Never search a spelling correction.")
    var noSpelling = false

    @Option(name: .customLong("per-article"), help: "At most N passages per article (ranking articles).")
    var perArticle: Int?

    @Option(
        help: ArgumentHelp(
            "Rank with BM25 and this k1 and b instead of Passim's weighting (measuring ranking).", valueName: "k1,b"))
    var bm25: String?

    @Option(
        name: .customLong("weighting"),
        help: ArgumentHelp(
            "Another of Xapian's weighting schemes instead of Passim's (measuring ranking): "
                + WeightingScheme.allCases.map(\.rawValue).joined(separator: ", ") + ".", valueName: "scheme"))
    var scheme: WeightingScheme?

    func validate() throws {
        if passes < 1 { throw ValidationError("--passes must be at least 1") }
        if bm25 != nil, weighting == nil { throw ValidationError("--bm25 takes two numbers: k1,b (e.g. 1.2,0.75)") }
    }

    /// `--bm25 k1,b` as parameters (Xapian's defaults for the others).
    private var weighting: BM25Weights? {
        guard let parts = bm25?.split(separator: ","), parts.count == 2, let k1 = Double(parts[0]),
            let b = Double(parts[1]), k1 >= 0, (0...1).contains(b)
        else { return nil }
        return BM25Weights(k1: k1, b: b)
    }

    func run() throws {
        CLILogging.bootstrap()
        let lines: [(id: String, query: String)]
        do {
            lines = try String(contentsOfFile: queries, encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: true)
                .compactMap { line in
                    let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                    guard fields.count >= 2 else { return nil }
                    return (String(fields[0]), String(fields[1]))
                }
        } catch {
            Terminal.error("passim: cannot read \(queries): \(error.localizedDescription)\n")
            throw ExitCode(2)
        }
        let searcher: Searcher
        do {
            searcher = try Searcher(layout: indexOptions.layout)
        } catch {
            Terminal.error("passim: \(error.message)\n")
            throw ExitCode(2)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for pass in 1...passes {
            var output = Data()
            for (id, query) in lines {
                var parameters = SearchParameters(
                    query: query, limit: limit, perArticle: perArticle, correctSpelling: !noSpelling)
                parameters.bm25 = weighting
                parameters.scheme = scheme
                let started = DispatchTime.now().uptimeNanoseconds
                let line: Timing
                do {
                    let result = try searcher.search(parameters)
                    let elapsed = DispatchTime.now().uptimeNanoseconds - started
                    line = Timing(
                        pass: pass, id: id, us: Double(elapsed) / 1000, total: result.estimatedTotal,
                        hits: result.hits.map(\.passageID.description), scores: result.hits.map(\.score), error: nil)
                } catch {
                    let elapsed = DispatchTime.now().uptimeNanoseconds - started
                    line = Timing(
                        pass: pass, id: id, us: Double(elapsed) / 1000, total: 0, hits: [], scores: [],
                        error: "\(error)")
                }
                output.append((try? encoder.encode(line)) ?? Data())
                output.append(UInt8(ascii: "\n"))
            }
            FileHandle.standardOutput.write(output)
        }
    }

    /// One query's line of output.
    private struct Timing: Encodable {
        var pass: Int
        var id: String
        var us: Double
        var total: Int
        var hits: [String]
        /// Each hit's score, in the same order (for measuring how passage scores could combine).
        var scores: [Double]
        var error: String?
    }
}

extension WeightingScheme: ExpressibleByArgument {}
