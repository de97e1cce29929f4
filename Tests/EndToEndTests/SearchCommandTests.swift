import Foundation
import PassimProtocol
import PassimTestSupport
import Testing

/// `passim search` through the real binary over the seed corpus.
@Suite(.serialized) struct SearchCommandTests {
    /// One index of the seed corpus for the whole suite, removed when the test process exits.
    static let fixture: Result<TemporaryDirectory, any Error> = Result {
        let dir = try TemporaryDirectory("passim-search")
        SharedFixtures.removeAtExit(dir)
        try Repository.copyCorpus(into: dir)
        let result = try PassimProcess.run(["ingest", "--index", "idx", "corpus"], in: dir.url)
        guard result.status == 0 else { throw FixtureError.ingestFailed(result.stderr) }
        return dir
    }

    enum FixtureError: Error { case ingestFailed(String) }

    func search(_ arguments: [String]) throws -> ProcessResult {
        let dir = try Self.fixture.get()
        return try PassimProcess.run(["search", "--index", "idx"] + arguments, in: dir.url)
    }

    func json(_ query: String, _ extra: [String] = []) throws -> SearchResult {
        let result = try search(["--json"] + extra + ["--", query])
        #expect(result.status == 0, "\(result.stderr)")
        return try SearchJSON.decode(result.stdout)
    }

    /// Realistic questions a reader of these articles asks, and the passage that answers them.
    static let rankings: [(query: String, first: String)] = [
        ("how do stem cells reduce acne scars", "000_c0039b83ab477ca1#1"),
        ("stromal vascular fraction", "000_c0039b83ab477ca1#3"),
        ("SVF injections", "000_c0039b83ab477ca1#3"),
        ("PIH", "003_37c1b6b32afb3691#8"),
        ("post-inflammatory hyperpigmentation", "003_37c1b6b32afb3691#8"),
        ("\"umbilical cord blood\" donor", "001_703ab0bc430d4bad#10"),
        ("atopic dermatitis sensitive skin", "004_55efc0094c87fb09#2"),
        ("melanocytes dark spots", "003_37c1b6b32afb3691#9"),
        ("scaffolds", "003_37c1b6b32afb3691#15"),
        ("sunscreen after treatment", "001_703ab0bc430d4bad#24"),
        ("keloid", "003_37c1b6b32afb3691#7"),
        ("risk of rejection", "001_703ab0bc430d4bad#18"),
        ("clinic in Bangkok", "004_55efc0094c87fb09#6"),
        // Article 002 has no title line: its derived title (the opening sentence) is no title
        // of its passages, so the opening paragraph ("stretch marks" twice, "limited") ranks
        // first and "Limitations and Expectations" second.
        ("stretch marks limitations", "002_b106e229ab5425a0#1"),
        // No passage has all three words. The pair is near in the heading "Balancing Collagen
        // and Elastin" (a NEAR group matches in a heading as a word does), whose passage has
        // both in its text as well; it ranks above "collagen and elastin" under "Cell
        // Regeneration & Collagen Boost", and both above the microneedling section.
        ("collagen NEAR/3 elastin microneedling", "003_37c1b6b32afb3691#7"),
    ]

    @Test(arguments: rankings)
    func ranksTheAnsweringPassageFirst(query: String, first: String) throws {
        let result = try json(query)
        #expect(result.hits.first?.passage.id == first, "\(query): \(result.hits.prefix(3).map(\.passage.id))")
    }

    @Test func highlightsAndLocationsPointIntoTheSourceFile() throws {
        let dir = try Self.fixture.get()
        for query in ["collagen elastin", "body’s natural healing", "\"stem cell-derived\"", "regenerat*", "PRP"] {
            let result = try json(query, ["--limit", "20"])
            #expect(!result.hits.isEmpty, "\(query)")
            for hit in result.hits {
                let file = Array(try Data(contentsOf: URL(fileURLWithPath: hit.article.path)))
                let text = Array(hit.passage.text.utf8)
                #expect(Array(file[hit.location.start..<hit.location.end]) == text)
                #expect(
                    Self.position(of: hit.location.start, in: file) == (
                        hit.location.startLine, hit.location.startColumn
                    ))
                #expect(Self.position(of: hit.location.end, in: file) == (hit.location.endLine, hit.location.endColumn))
                for highlight in hit.highlights {
                    let offset = hit.location.start + highlight.start
                    #expect(Self.position(of: offset, in: file) == (highlight.line, highlight.column))
                    #expect(
                        Self.position(of: hit.location.start + highlight.end, in: file) == (
                            highlight.endLine, highlight.endColumn
                        ))
                }
                _ = dir
            }
        }
    }

    @Test func possessivesApostrophesAndDashesMatchEitherSpelling() throws {
        let curly = try json("\"body’s natural healing\"")
        let straight = try json("\"body's natural healing\"")
        #expect(!curly.hits.isEmpty)
        #expect(curly.hits.map(\.passage.id) == straight.hits.map(\.passage.id))
        let enDash = try json("\"stem cell–derived\"")
        let hyphen = try json("\"stem cell-derived\"")
        #expect(!hyphen.hits.isEmpty)
        #expect(enDash.hits.map(\.passage.id) == hyphen.hits.map(\.passage.id))
        let highlighted = try #require(curly.hits.first?.highlights.first)
        let text = Array(try #require(curly.hits.first).passage.text.utf8)
        #expect(String(decoding: text[highlighted.start..<highlighted.end], as: UTF8.self) == "body’s")
    }

    @Test func correctsMisspelledQueriesThatFindNothing() throws {
        let result = try json("hyperpigmentaton")
        #expect(result.correctedQuery == "hyperpigmentation")
        #expect(result.query == "hyperpigmentaton")
        #expect(!result.hits.isEmpty)
        let known = try json("who is a good candidate")
        #expect(known.correctedQuery == nil)
    }

    @Test func pagesAndCollapsesPerArticle() throws {
        let all = try json("stem cells", ["--limit", "12"])
        let second = try json("stem cells", ["--limit", "6", "--offset", "6"])
        #expect(all.hits.count == 12)
        #expect(second.hits.map(\.passage.id) == all.hits.dropFirst(6).map(\.passage.id))
        #expect(second.hits.map(\.rank) == Array(7...12))
        let collapsed = try json("stem cells", ["--per-article", "1", "--limit", "10"])
        #expect(collapsed.hits.count == 5)
        #expect(Set(collapsed.hits.map(\.article.id)).count == 5)
        let two = try json("stem cells", ["--per-article", "2", "--limit", "10"])
        #expect(two.hits.count == 10)
        #expect(Dictionary(grouping: two.hits, by: \.article.id).values.allSatisfy { $0.count == 2 })
    }

    @Test func fieldsFilterByTitleSectionArticleAndSource() throws {
        let source = try json("source:nih.gov")
        #expect(!source.hits.isEmpty)
        #expect(Set(source.hits.map(\.article.id)) == ["000_c0039b83ab477ca1"])
        let article = try json("article:002_b106e229ab5425a0 stretch")
        #expect(Set(article.hits.map(\.article.id)) == ["002_b106e229ab5425a0"])
        let section = try json("section:\"final thoughts\"", ["--limit", "50"])
        #expect(Set(section.hits.compactMap(\.passage.section)) == ["Final Thoughts"])
        #expect(section.hits.count == 3)
        let title = try json("title:hyperpigmentation", ["--per-article", "1"])
        #expect(title.hits.map(\.article.id) == ["003_37c1b6b32afb3691"])
    }

    @Test(arguments: [
        ("title:", "7"),
        ("stem cells title:", "18"),
        ("NOT cells", "1"),
    ])
    func syntaxErrorsNameThePositionAndExitWithStatus2(query: String, column: String) throws {
        let result = try search(["--", query])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("passim: query syntax error at column \(column): "), "\(result.stderr)")
        #expect(result.stderr.contains("expected"), "\(result.stderr)")
        // The query is echoed with a caret under the column.
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines.count >= 3 && lines[1] == "  \(query)"
                && lines[2] == "  " + String(repeating: " ", count: Int(column)! - 1) + "^")
    }

    /// Plain words always search: a stray character is read as text, and the output says so.
    @Test func strayCharactersAreReadAsTextAndSaidSo() throws {
        let human = try search(["--", "collagen AND"])
        #expect(human.status == 0, "\(human.stderr)")
        #expect(human.stdout.hasPrefix("Read 'AND' at column 10 as text: it has nothing to join on one side."))
        let json = try search(["--json", "--", "wings) collagen"])
        #expect(json.status == 0)
        #expect(json.stdout.contains(#""readAsText":[{"offset":5,"reason":"it closes no '('","text":")"}]"#))
    }

    /// As grep and ripgrep: 0 when something matched, 1 when nothing did, 2 on an error, in
    /// every output mode.
    @Test(arguments: [[], ["--json"], ["--vimgrep"]])
    func theExitStatusSaysWhetherAnythingMatched(_ mode: [String]) throws {
        let found = try search(mode + ["collagen"])
        #expect(found.status == 0, "\(found.stderr)")
        #expect(!found.stdout.isEmpty)
        let none = try search(mode + ["zzyzxqwertyword"])
        #expect(none.status == 1, "\(none.stdout)\(none.stderr)")
        let broken = try search(mode + ["--", "collagen title:"])
        #expect(broken.status == 2)
        // A page past the last hit: there were matches, and the human output counts them.
        let past = try search(mode + ["--offset", "5000", "collagen"])
        #expect(past.status == 0)
        if mode.isEmpty { #expect(past.stdout.contains("matches"), "\(past.stdout)") }
    }

    /// `--color=always` colours output that is not a terminal (a pager, fzf); the tests' NO_COLOR
    /// does not stop it. `never` and the default off a terminal do not colour.
    @Test func colourCanBeForcedOnAndOff() throws {
        #expect(try search(["--color=always", "collagen"]).stdout.contains("\u{1B}[1;31m"))
        #expect(!(try search(["--color=never", "collagen"]).stdout.contains("\u{1B}[")))
        #expect(!(try search(["collagen"]).stdout.contains("\u{1B}[")))
    }

    /// An unknown option is an error (exit 2), not a query word; after `--` anything is.
    @Test func unknownOptionsAreErrorsAndDoubleDashEndsTheOptions() throws {
        let bogus = try search(["--bogusflag", "collagen"])
        #expect(bogus.status == 2)
        #expect(bogus.stdout.isEmpty)
        #expect(bogus.stderr.contains("Unknown option '--bogusflag'"), "\(bogus.stderr)")
        let valueError = try search(["--limit", "many", "collagen"])
        #expect(valueError.status == 2, "\(valueError.stderr)")
        // `-word` excludes, as in the query language; `--` anywhere ends the options.
        let excluded = try search(["--json", "collagen", "-zzyzxword"])
        #expect(excluded.status == 0, "\(excluded.stderr)")
        #expect(try SearchJSON.decode(excluded.stdout).query == "collagen -zzyzxword")
        let late = try search(["--json", "collagen", "--", "--scars"])
        #expect(try SearchJSON.decode(late.stdout).query == "collagen --scars", "\(late.stderr)")
    }

    @Test func badOptionsAreRefusedWithAMessage() throws {
        let zero = try search(["--limit", "0", "cells"])
        #expect(zero.status == 2)
        #expect(zero.stderr.contains("limit must be between 1 and 1000"), "\(zero.stderr)")
        let missingIndex = try PassimProcess.run(
            ["search", "--index", "nowhere", "cells"], in: try Self.fixture.get().url)
        #expect(missingIndex.status == 2)
        #expect(missingIndex.stderr.contains("run `passim ingest`"), "\(missingIndex.stderr)")
    }

    @Test func humanAndVimgrepOutputMatchTheirSnapshots() throws {
        try Snapshot.assert(try search(["--limit", "4", "collagen elastin"]).stdout, named: "search-human.txt")
        try Snapshot.assert(try search(["--vimgrep", "--limit", "5", "scars"]).stdout, named: "search-vimgrep.txt")
        try Snapshot.assert(try search(["--limit", "2", "hyperpigmentaton"]).stdout, named: "search-corrected.txt")
        try Snapshot.assert(
            try search(["--limit", "3", "--explain", "svf injections for acne scars"]).stdout,
            named: "search-explain.txt")
    }

    /// `--explain` through `--json`: every hit's parts add up to its score.
    @Test func explainedScoresAddUp() throws {
        let result = try json("stem cells -laser \"growth factors\"", ["--explain", "--limit", "20"])
        #expect(!result.hits.isEmpty)
        for hit in result.hits {
            let parts = try #require(hit.explanation)
            #expect(abs(parts.map(\.weight).reduce(0, +) - hit.score) < 1e-9 * max(1, hit.score))
        }
        #expect(try json("stem cells").hits.allSatisfy { $0.explanation == nil })
    }

    /// 1-based line and byte column of `offset` in `file`.
    static func position(of offset: Int, in file: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where file[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }
}
