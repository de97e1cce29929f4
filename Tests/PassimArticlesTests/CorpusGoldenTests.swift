import Foundation
import PassimArticles
import Testing

/// The passage splits of the seed corpus, checked against `Golden/<name>.passages.txt`.
///
/// Re-record with `PASSIM_RECORD=1 swift test --filter PassimArticlesTests`, then read the
/// diff: every split must be one a reader would agree with.
@Suite struct CorpusGoldenTests {
    static let articles = (try? TestPaths.corpusFiles().map(\.lastPathComponent)) ?? []

    @Test func corpusHasTheFiveSeedArticles() {
        #expect(Self.articles.count == 5, "corpus at \(TestPaths.corpus.path)")
    }

    @Test(arguments: articles)
    func passagesMatchGolden(_ name: String) throws {
        let file = TestPaths.corpus.appendingPathComponent(name)
        let bytes = Array(try Data(contentsOf: file))
        let id = (name as NSString).deletingPathExtension
        let article = try ArticleParser().parse(bytes, id: id, path: "corpus/" + name)
        let actual = ArticleRendering.render(article)
        let golden = TestPaths.golden.appendingPathComponent(id + ".passages.txt")

        if TestPaths.recording {
            try actual.write(to: golden, atomically: false, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: golden, encoding: .utf8) else {
            Issue.record("missing golden \(golden.path); record it with PASSIM_RECORD=1")
            return
        }
        #expect(
            actual == expected,
            "\(firstDifference(actual, expected)); re-record with PASSIM_RECORD=1 and review the diff")
    }

    /// The first line where two texts differ, to point at the changed passage.
    private func firstDifference(_ actual: String, _ expected: String) -> String {
        let left = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let right = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(left.count, right.count) {
            let got = index < left.count ? String(left[index]) : "<end>"
            let want = index < right.count ? String(right[index]) : "<end>"
            if got != want { return "line \(index + 1): got \"\(got)\", golden \"\(want)\"" }
        }
        return "no line differs"
    }
}
