import PassimXapian
import Testing

/// Seven documents of equal length 10 ("cell" plus filler), so BM25 orders them by the wdf of "cell".
/// docid: (article key, wdf of "cell"); document 7 has no "cell".
private let layout: [(key: String, wdf: UInt32)] = [
    ("A", 1), ("A", 5), ("B", 4), ("C", 2), ("A", 3), ("B", 6), ("C", 0),
]

private func buildRankingDatabase(at path: String) throws {
    let writer = try WritableXapianDatabase(path: path)
    for (index, entry) in layout.enumerated() {
        var terms: [(String, UInt32)] = [("filler", 10 - entry.wdf)]
        if entry.wdf > 0 {
            terms.append(("cell", entry.wdf))
        }
        try writer.add(
            try makeDocument(
                id: "p\(index + 1)", terms: terms, data: "doc-\(index + 1)", key: entry.key))
    }
    try writer.commit()
}

@Suite("Searching")
struct SearchTests {
    @Test func ranksByBM25AndReturnsData() throws {
        try withTemporaryDirectory { dir in
            try buildRankingDatabase(at: dir + "/db")
            let reader = try XapianDatabase(path: dir + "/db")
            let result = try reader.search(
                try .term("cell"), options: XapianSearchOptions(limit: 10, checkAtLeast: 100))
            #expect(result.matches.map(\.docid) == [6, 2, 3, 5, 4, 1])
            #expect(
                result.matches.map { text($0.data) } == [
                    "doc-6", "doc-2", "doc-3", "doc-5", "doc-4", "doc-1",
                ])
            #expect((result.estimated, result.lowerBound, result.upperBound) == (6, 6, 6))
            let weights = result.matches.map(\.weight)
            #expect(zip(weights, weights.dropFirst()).allSatisfy { $0 > $1 })
            #expect(weights.allSatisfy { $0 > 0 })
        }
    }

    @Test func pagesWithOffsetAndLimit() throws {
        try withTemporaryDirectory { dir in
            try buildRankingDatabase(at: dir + "/db")
            let reader = try XapianDatabase(path: dir + "/db")
            let page = try reader.search(
                try .term("cell"),
                options: XapianSearchOptions(offset: 2, limit: 2, checkAtLeast: 100))
            #expect(page.matches.map(\.docid) == [3, 5])
            #expect(page.estimated == 6)
            let pastEnd = try reader.search(
                try .term("cell"), options: XapianSearchOptions(offset: 6, limit: 2))
            #expect(pastEnd.matches.isEmpty)
        }
    }

    @Test func collapseKeepsOnePerKey() throws {
        try withTemporaryDirectory { dir in
            try buildRankingDatabase(at: dir + "/db")
            let reader = try XapianDatabase(path: dir + "/db")
            let result = try reader.search(
                try .term("cell"), options: XapianSearchOptions(checkAtLeast: 100, collapseSlot: 0))
            #expect(result.matches.map(\.docid) == [6, 2, 4])
            #expect(result.matches.map(\.collapseCount) == [1, 2, 0])
        }
    }

    @Test func collapseKeepsTwoPerKey() throws {
        try withTemporaryDirectory { dir in
            try buildRankingDatabase(at: dir + "/db")
            let reader = try XapianDatabase(path: dir + "/db")
            let result = try reader.search(
                try .term("cell"),
                options: XapianSearchOptions(checkAtLeast: 100, collapseSlot: 0, collapseMax: 2))
            #expect(result.matches.map(\.docid) == [6, 2, 3, 5, 4])
            // Both kept "A" documents report the one dropped "A" document (docid 1).
            #expect(result.matches.map(\.collapseCount) == [0, 1, 0, 1, 0])
        }
    }

    @Test func bm25ParametersAreApplied() throws {
        try withTemporaryDirectory { dir in
            try buildRankingDatabase(at: dir + "/db")
            let reader = try XapianDatabase(path: dir + "/db")
            // k1 = 0 ignores wdf: every match weighs the same, so Xapian falls back to docid order.
            let flat = try reader.search(
                try .term("cell"), options: XapianSearchOptions(bm25: BM25Parameters(k1: 0)))
            #expect(flat.matches.map(\.docid) == [1, 2, 3, 4, 5, 6])
            #expect(Set(flat.matches.map(\.weight)).count == 1)
        }
    }

    @Test func filterAndBooleanQueries() throws {
        try withTemporaryDirectory { dir in
            try buildRankingDatabase(at: dir + "/db")
            let reader = try XapianDatabase(path: dir + "/db")
            let cell = try XapianQuery.term("cell")
            let onlyB = try XapianQuery.combine(.filter, [cell, try .term("Qp3")])
            #expect(try reader.search(onlyB, options: .init()).matches.map(\.docid) == [3])
            let notA = try XapianQuery.combine(.andNot, [cell, try .term("Qp2")])
            #expect(
                try reader.search(notA, options: .init()).matches.map(\.docid) == [6, 3, 5, 4, 1])
            let all = try reader.search(try .matchAll(), options: .init(limit: 100))
            #expect(all.matches.map(\.docid) == [1, 2, 3, 4, 5, 6, 7])
            #expect(all.matches.allSatisfy { $0.weight == 0 })
            #expect(try reader.search(try .matchNothing(), options: .init()).matches.isEmpty)
        }
    }

    @Test func scaledQueryMultipliesWeights() throws {
        try withTemporaryDirectory { dir in
            try buildRankingDatabase(at: dir + "/db")
            let reader = try XapianDatabase(path: dir + "/db")
            let plain = try reader.search(try .term("cell"), options: .init())
            let doubled = try reader.search(
                try XapianQuery.term("cell").scaled(by: 2), options: .init())
            #expect(doubled.matches.map(\.docid) == plain.matches.map(\.docid))
            for (a, b) in zip(plain.matches, doubled.matches) {
                #expect(abs(b.weight - 2 * a.weight) < 1e-9)
            }
        }
    }

    @Test func wildcardKeepsTheMostFrequentExpansions() throws {
        try withTemporaryDirectory { dir in
            let writer = try WritableXapianDatabase(path: dir + "/db")
            // "plate" in 3 documents, "platelet" in 2, "plateau" in 1.
            for (index, term) in ["plate", "plate", "plate", "platelet", "platelet", "plateau"]
                .enumerated()
            {
                try writer.add(try makeDocument(id: "p\(index + 1)", terms: [(term, 1)]))
            }
            try writer.commit()
            let reader = try XapianDatabase(path: dir + "/db")

            let unlimited = try reader.search(
                try .wildcard(prefix: "plate"), options: .init(limit: 10))
            #expect(unlimited.matches.map(\.docid).sorted() == [1, 2, 3, 4, 5, 6])
            let two = try reader.search(
                try .wildcard(prefix: "plate", maxExpansion: 2), options: .init(limit: 10))
            #expect(two.matches.map(\.docid).sorted() == [1, 2, 3, 4, 5])
            let one = try reader.search(
                try .wildcard(prefix: "plate", maxExpansion: 1), options: .init(limit: 10))
            #expect(one.matches.map(\.docid).sorted() == [1, 2, 3])
        }
    }

    @Test func phraseAndNearNeedPositions() throws {
        try withTemporaryDirectory { dir in
            let writer = try WritableXapianDatabase(path: dir + "/db")
            for (index, words) in [
                ["platelet", "rich", "plasma"], ["rich", "platelet", "plasma"],
                ["platelet", "x", "x", "x", "x", "rich"],
            ].enumerated() {
                let document = XapianDocument()
                for (offset, word) in words.enumerated() {
                    try document.addPosting(word, position: UInt32(offset + 1))
                }
                try document.addBooleanTerm("Qp\(index + 1)")
                try writer.add(document)
            }
            try writer.commit()
            let reader = try XapianDatabase(path: dir + "/db")
            let phrase = try XapianQuery.combine(
                .phrase, [try .term("platelet"), try .term("rich")])
            #expect(try reader.search(phrase, options: .init()).matches.map(\.docid) == [1])
            let near = try XapianQuery.combine(
                .near, [try .term("platelet"), try .term("rich")], parameter: 2)
            #expect(
                try reader.search(near, options: .init()).matches.map(\.docid).sorted() == [1, 2])
            let wide = try XapianQuery.combine(
                .near, [try .term("platelet"), try .term("rich")], parameter: 6)
            #expect(
                try reader.search(wide, options: .init()).matches.map(\.docid).sorted() == [
                    1, 2, 3,
                ])
        }
    }
}
