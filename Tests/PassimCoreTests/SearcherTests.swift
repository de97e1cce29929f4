import Foundation
import Testing

@testable import PassimCore

@Suite struct SearcherTests {
    static func index(_ articles: [(String, String)]) throws -> TemporaryIndex {
        let index = try TemporaryIndex()
        let writer = try IndexWriter(layout: index.layout)
        for (id, text) in articles {
            try writer.replace(try TemporaryIndex.article(id, text))
        }
        try writer.close()
        return index
    }

    @Test func refusesOutOfRangeRequestsWithAMessage() throws {
        let index = try Self.index([("a", "Title\n\nSome text about collagen and scars in the skin.\n")])
        let searcher = try Searcher(layout: index.layout)
        for request in [
            SearchParameters(query: "collagen", limit: 0), SearchParameters(query: "collagen", limit: 1001),
            SearchParameters(query: "collagen", offset: -1), SearchParameters(query: "collagen", perArticle: 0),
        ] {
            #expect {
                _ = try searcher.search(request)
            } throws: { error in
                guard case .invalidRequest(let message) = error as? SearchError else { return false }
                return !message.isEmpty
            }
        }
        #expect {
            _ = try searcher.search(SearchParameters(query: "collagen title:"))
        } throws: { error in
            guard case .syntax(let syntax) = error as? SearchError else { return false }
            return syntax.offset == 15
        }
    }

    /// Other BM25 parameters (for measuring them) change the scores; nil keeps Passim's.
    @Test func bm25ParametersChangeTheScores() throws {
        let index = try Self.index([
            ("a", "Title\n\nCollagen collagen collagen in a long paragraph about the skin and its layers.\n"),
            ("b", "Other\n\nCollagen once.\n"),
        ])
        let searcher = try Searcher(layout: index.layout)
        let passims = try searcher.search(SearchParameters(query: "collagen")).hits.map(\.score)
        var saturated = SearchParameters(query: "collagen")
        saturated.bm25 = BM25Weights(k1: 0, b: 0)
        let flat = try searcher.search(saturated).hits.map(\.score)
        #expect(passims.count == 2 && flat.count == 2)
        // k1 = 0: a term's weight ignores how often it occurs and how long the passage is.
        #expect(abs(flat[0] - flat[1]) < 1e-9)
        #expect(abs(passims[0] - passims[1]) > 1e-6)
    }

    /// A real title ranks every passage of its article; a title derived from the first
    /// sentence is only that passage's own words.
    @Test func onlyARealTitleRanksEveryPassage() throws {
        let body =
            "Zephyr winds cool the valley every evening in the late summer months.\n\n"
            + "The second paragraph talks about orchards and the harvest of the apples.\n\n"
            + "A third paragraph describes the old stone bridge across the quiet river.\n"
        let index = try Self.index([("derived", body), ("titled", "Zephyr Notes\n\n" + body)])
        let searcher = try Searcher(layout: index.layout)
        let hits = try searcher.search(SearchParameters(query: "zephyr", limit: 20)).hits
        #expect(hits.filter { $0.article.id == "derived" }.map(\.passage.ordinal) == [1])
        #expect(hits.filter { $0.article.id == "titled" }.count == 3)
        #expect(try searcher.articleRecords()["derived"]?.titleIsDerived == true)
        #expect(try searcher.articleRecords()["titled"]?.titleIsDerived == false)
    }

    /// A passage's words are its text, heading and written title: a hit matched outside its
    /// text shows where, `+` requires a word in any of them, `NOT` leaves out passages with
    /// it in any of them, and a quoted phrase or a NEAR group matches in any of them.
    @Test func titleAndHeadingWordsAreShownAndCountForNotAndPlus() throws {
        let text =
            "Acne Scars Explained\n\nCollagen rebuilds the damaged skin over many months.\n\n"
            + "Sun and scars\n\nCollagen needs cover in the summer months.\n"
        let index = try Self.index([
            ("scars", text), ("plain", "Skin Notes\n\nCollagen keeps the skin firm and elastic.\n"),
        ])
        let searcher = try Searcher(layout: index.layout)
        let sun = try searcher.search(SearchParameters(query: "sun acne")).hits
        #expect(sun.count == 2)
        for hit in sun {
            #expect(hit.highlights.isEmpty)
            #expect(hit.titleHighlights == [0..<4])
        }
        #expect(sun.first?.sectionHighlights == [0..<3])
        #expect(sun.first?.passage.section == "Sun and scars")
        #expect(sun.last?.sectionHighlights == [])
        // A heading word and a title word rank their passages above one with neither.
        let collagen = try searcher.search(SearchParameters(query: "collagen scars")).hits
        #expect(collagen.map(\.article.id) == ["scars", "scars", "plain"])
        #expect(try searcher.search(SearchParameters(query: "collagen NOT scars")).hits.map(\.article.id) == ["plain"])
        #expect(try searcher.search(SearchParameters(query: "collagen -acne")).hits.map(\.article.id) == ["plain"])
        #expect(try searcher.search(SearchParameters(query: "+acne collagen")).hits.count == 2)
        #expect(try searcher.search(SearchParameters(query: "+sun collagen")).hits.map(\.passage.ordinal) == [2])
        // So is a quoted phrase: a quoted title finds every passage of its article, a quoted
        // heading its section's passages, and `-"..."` leaves them out.
        #expect(try searcher.search(SearchParameters(query: "\"acne scars\"")).hits.count == 2)
        let heading = try searcher.search(SearchParameters(query: "\"sun and scars\"")).hits
        #expect(heading.map(\.passage.ordinal) == [2])
        #expect(heading.first?.sectionHighlights == [0..<3, 4..<7, 8..<13])
        #expect(
            try searcher.search(SearchParameters(query: "collagen -\"acne scars\"")).hits.map(\.article.id) == ["plain"]
        )
        #expect(try searcher.search(SearchParameters(query: "\"scars acne\"")).hits.isEmpty)
        #expect(try searcher.search(SearchParameters(query: "acne NEAR/2 explained")).hits.count == 2)
    }

    /// Each of Xapian's weighting schemes (for measuring ranking) is the one that weighs.
    @Test func everyWeightingSchemeIsApplied() throws {
        let index = try Self.index([
            ("a", "Title\n\nCollagen collagen collagen in a long paragraph about the skin and its layers.\n"),
            ("b", "Other\n\nCollagen once, in the skin.\n"), ("c", "Third\n\nElastin and the skin.\n"),
        ])
        let searcher = try Searcher(layout: index.layout)
        var request = SearchParameters(query: "collagen skin")
        let scores = try WeightingScheme.allCases.map { scheme in
            request.scheme = scheme
            return try searcher.search(request).hits.map(\.score)
        }
        #expect(Set(scores).count == WeightingScheme.allCases.count, "\(scores)")
    }

    @Test func aMissingIndexSaysToRunIngest() throws {
        let index = try TemporaryIndex()
        #expect {
            _ = try Searcher(layout: index.layout)
        } throws: { error in
            guard let error = error as? IndexError else { return false }
            return error.code == .notFound && error.message.contains("passim ingest")
        }
    }

    @Test func highlightsCarryFileLinesAndColumnsAcrossLines() throws {
        let text = "Heading Line\n\nFirst line mentions nothing:\n- collagen boosts repair\n- more collagen here\n"
        let index = try Self.index([("multi", text)])
        let searcher = try Searcher(layout: index.layout)
        let hit = try #require(try searcher.search(SearchParameters(query: "collagen")).hits.first)
        #expect(hit.passage.location.startLine == 3)
        #expect(
            hit.highlights.map {
                [$0.location.startLine, $0.location.startColumn, $0.location.endLine, $0.location.endColumn]
            } == [[4, 3, 4, 11], [5, 8, 5, 16]])
        let bytes = Array(hit.passage.text.utf8)
        #expect(hit.highlights.allSatisfy { String(decoding: bytes[$0.range], as: UTF8.self) == "collagen" })
    }

    @Test func chineseTextMatchesInsideWordsThroughBigrams() throws {
        let index = try Self.index([("zh", "血小板研究\n\n我们在北京大学研究血小板和干细胞治疗的效果。\n")])
        let searcher = try Searcher(layout: index.layout)
        for query in ["北京大学", "大学", "血小板", "干细胞"] {
            let result = try searcher.search(SearchParameters(query: query))
            #expect(result.hits.count == 1, "\(query)")
            let hit = try #require(result.hits.first)
            let bytes = Array(hit.passage.text.utf8)
            let marked = hit.highlights.map { String(decoding: bytes[$0.range], as: UTF8.self) }
            #expect(marked.contains { $0.contains(query) }, "\(query): \(marked)")
        }
    }

    /// Thai is segmented by ICU's dictionary and has no spaces: a word inside a longer word
    /// matches and is highlighted where it is, as Chinese is (`ผิว` in `ผิวหนัง`).
    @Test func thaiTextMatchesInsideWordsThroughBigrams() throws {
        let index = try Self.index([
            ("th", "Skin notes\n\nThis paragraph is about skin: ผิวหนังของเราต้องการการดูแลทุกวัน\n")
        ])
        let searcher = try Searcher(layout: index.layout)
        for query in ["ผิว", "หนัง", "ผิวหนัง", "ทุกวัน"] {
            let hit = try #require(try searcher.search(SearchParameters(query: query)).hits.first, "\(query)")
            let bytes = Array(hit.passage.text.utf8)
            let marked = hit.highlights.map { String(decoding: bytes[$0.range], as: UTF8.self) }
            #expect(marked.contains { $0.contains(query) }, "\(query): \(marked)")
        }
    }

    /// `suggest` completes words of every script the analyzer indexes, not only spelled ones.
    @Test func completionsCoverChineseJapaneseAndThai() throws {
        let index = try Self.index([
            ("zh", "血小板研究\n\n我们在北京大学研究血小板和干细胞治疗的效果。\n"),
            ("ja", "東京の記事\n\n東京は大きい都市です。東京タワーも有名です。\n"),
            ("th", "Skin notes\n\nThis paragraph is about skin: ผิวหนังของเราต้องการการดูแลทุกวัน\n"),
        ])
        let searcher = try Searcher(layout: index.layout)
        for (prefix, word) in [("血", "血小板"), ("東", "東京"), ("ผิ", "ผิวหนัง"), ("研", "研究")] {
            let words = try searcher.completions(of: prefix, limit: 10).map(\.word)
            #expect(words.contains(word), "\(prefix): \(words)")
        }
    }

    @Test func seesNewRevisionsAfterRefresh() throws {
        let index = try Self.index([("a", "Title\n\nCollagen and scars.\n")])
        let searcher = try Searcher(layout: index.layout)
        let before = try searcher.revision()
        let writer = try IndexWriter(layout: index.layout)
        try writer.replace(try TemporaryIndex.article("b", "Other\n\nElastin fibres in the dermis.\n"))
        try writer.close()
        #expect(try searcher.search(SearchParameters(query: "elastin")).hits.isEmpty)
        #expect(try searcher.refresh())
        #expect(try searcher.revision() > before)
        #expect(try searcher.search(SearchParameters(query: "elastin")).hits.map(\.article.id) == ["b"])
    }

    /// Names joined by `.`, `:`, `_` or `@` are found by their parts, and still by the whole
    /// name, which becomes the phrase of its parts.
    @Test func joinedNamesAreFoundByTheirParts() throws {
        let index = try Self.index([
            ("driver", "Driver\n\nFor problems, please contact Gary at xavyer@ix.netcom.com today.\n"),
            ("python", "Pools\n\nUse concurrent.futures.ProcessPoolExecutor, or raise autovacuum_work_mem.\n"),
        ])
        let searcher = try Searcher(layout: index.layout)
        for (query, article) in [
            ("netcom", "driver"), ("netcom com", "driver"), ("xavyer@ix.netcom.com", "driver"),
            ("ProcessPoolExecutor", "python"), ("futures.ProcessPoolExecutor", "python"),
            ("autovacuum", "python"), ("autovacuum_work_mem", "python"),
        ] {
            let hits = try searcher.search(SearchParameters(query: query, correctSpelling: false)).hits
            #expect(hits.map(\.article.id) == [article], "\(query)")
        }
    }

    /// Words typed side by side rank the passage that has them side by side first, even when
    /// another passage uses each word more often (BM25 alone ranks that one first); the phrase
    /// adds no match of its own.
    @Test func wordsTogetherOutrankTheSameWordsApart() throws {
        let index = try Self.index([
            ("apart", "Notes A\n\nThe event fired once. Later the loop ran. Each event and each loop was counted.\n"),
            ("together", "Notes B\n\nAn event loop runs here, nothing more.\n"),
            ("other", "Notes C\n\nA loop of string.\n"),
        ])
        let searcher = try Searcher(layout: index.layout)
        for query in ["event loop", "+event +loop"] {
            let hits = try searcher.search(SearchParameters(query: query, correctSpelling: false)).hits
            #expect(hits.first?.article.id == "together", "\(query)")
            let expected: Set = query.hasPrefix("+") ? ["together", "apart"] : ["together", "apart", "other"]
            #expect(Set(hits.map(\.article.id)) == expected)
        }
        let alone = try searcher.search(SearchParameters(query: "+event", correctSpelling: false)).hits
        #expect(alone.first?.article.id == "apart")
    }
}
