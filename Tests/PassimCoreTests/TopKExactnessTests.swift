import Foundation
import PassimArticles
import PassimTestSupport
import Testing

@testable import PassimCore

/// The first page of a search is the first page of the full ranking, and a passage scores the
/// same whether the search is restricted to its article or not, on a generated corpus large
/// enough for Xapian to prune (issue 9, item 1).
@Suite struct TopKExactnessTests {
    /// A Zipf vocabulary of made-up words, and articles of passages drawn from it with planted
    /// word pairs, so two-word queries have phrase matches as well as scattered ones.
    struct GeneratedCorpus {
        var words: [String] = []
        var pairs: [(String, String)] = []
        var articles: [(id: String, text: String)] = []

        init(articles count: Int, seed: UInt64) {
            var random = SeededGenerator(seed: seed)
            let syllables = [
                "ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "pe", "su", "do", "ga", "hi", "jo", "be", "fu",
            ]
            for index in 0..<2_000 {
                var word = ""
                var rest = index + 17
                while rest > 0 {
                    word += syllables[rest % 16]
                    rest /= 16
                }
                words.append(word + "x")
            }
            var cumulative: [Double] = []
            var total = 0.0
            for rank in 0..<words.count {
                total += 1 / pow(Double(rank + 1), 1.07)
                cumulative.append(total)
            }
            func word() -> String {
                let target = Double.random(in: 0..<total, using: &random)
                var low = 0
                var high = cumulative.count - 1
                while low < high {
                    let middle = (low + high) / 2
                    if cumulative[middle] < target { low = middle + 1 } else { high = middle }
                }
                return words[low]
            }
            pairs = (0..<60).map { _ in
                (words[Int.random(in: 30..<500, using: &random)], words[Int.random(in: 30..<500, using: &random)])
            }
            for article in 0..<count {
                var text = (0..<Int.random(in: 1...3, using: &random)).map { _ in word() }.joined(separator: " ")
                text += "\n\n"
                for _ in 0..<Int.random(in: 3...10, using: &random) {
                    var tokens = (0..<Int.random(in: 15...90, using: &random)).map { _ in word() }
                    for _ in 0..<Int.random(in: 0...2, using: &random) {
                        let pair = pairs[Int.random(in: 0..<pairs.count, using: &random)]
                        tokens.insert(
                            contentsOf: [pair.0, pair.1], at: Int.random(in: 0...tokens.count, using: &random))
                    }
                    text += tokens.joined(separator: " ") + ".\n\n"
                }
                articles.append((String(format: "g%04d", article), text))
            }
        }
    }

    @Test func pagesEqualTheFullRankingAndRestrictedScoresEqualUnrestrictedOnes() throws {
        let corpus = GeneratedCorpus(articles: 400, seed: 0x70_9C)
        let index = try TemporaryIndex()
        let writer = try IndexWriter(layout: index.layout)
        try writer.beginFreshBuild()
        for (id, text) in corpus.articles {
            try writer.replace(try TemporaryIndex.article(id, text))
        }
        try writer.close()
        let searcher = try Searcher(layout: index.layout)

        var random = SeededGenerator(seed: 0xE4AC7)
        var compared = 0
        var pageMismatches: [String] = []
        var restrictedMismatches: [String] = []
        for round in 0..<120 {
            let query: String
            if round.isMultiple(of: 2) {
                let pair = corpus.pairs[Int.random(in: 0..<corpus.pairs.count, using: &random)]
                query =
                    "\(pair.0) \(pair.1)"
                    + (round.isMultiple(of: 4) ? " \(corpus.words[Int.random(in: 30..<500, using: &random)])" : "")
            } else {
                query = (0..<Int.random(in: 2...3, using: &random)).map { _ in
                    corpus.words[Int.random(in: 20..<400, using: &random)]
                }.joined(separator: " ")
            }
            let full = try searcher.search(SearchParameters(query: query, limit: 1_000, correctSpelling: false))
            guard full.estimatedTotal < 1_000, full.hits.count > 10 else { continue }
            compared += 1
            for limit in [10, 100] {
                let page = try searcher.search(SearchParameters(query: query, limit: limit, correctSpelling: false))
                if ranking(page) != ranking(full, first: limit) { pageMismatches.append("\(query) (limit \(limit))") }
            }
            for hit in full.hits.prefix(3) {
                let restricted = try searcher.search(
                    SearchParameters(query: "article:\(hit.article.id) \(query)", limit: 1_000, correctSpelling: false))
                let score = restricted.hits.first { $0.passageID.description == hit.passageID.description }?.score
                // The same weights, summed in another order where the filter hoists the bonus.
                if abs((score ?? -1) - hit.score) > 1e-9 * hit.score {
                    restrictedMismatches.append("\(query) \(hit.passageID.description): \(hit.score) vs \(score ?? -1)")
                }
            }
        }
        #expect(compared >= 60, "too few queries with a full ranking to compare: \(compared)")
        #expect(pageMismatches.isEmpty, "\(pageMismatches.count) pages differ: \(pageMismatches.prefix(5))")
        #expect(
            restrictedMismatches.isEmpty,
            "\(restrictedMismatches.count) restricted scores differ: \(restrictedMismatches.prefix(5))")
    }

    private func ranking(_ result: SearchResults, first count: Int? = nil) -> [String] {
        result.hits.prefix(count ?? result.hits.count).map { "\($0.passageID.description) \($0.score)" }
    }
}
