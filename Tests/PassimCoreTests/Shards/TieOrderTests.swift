import PassimXapian
import Testing

@testable import PassimCore

@Suite struct TieOrderTests {
    /// Weights and article ids in docid order, and the order `set_sort_by_relevance_then_value`
    /// gives them (by weight, then article id bytewise, then docid).
    static let cases: [(page: [(weight: Double, article: String)], expected: [Int])] = [
        ([(3, "b"), (2, "a"), (1, "c")], [0, 1, 2]),
        ([(2, "b"), (2, "a"), (1, "c")], [1, 0, 2]),
        ([(2, "b"), (2, "a"), (2, "b"), (2, "a")], [1, 3, 0, 2]),
        ([(5, "z"), (2, "c"), (2, "b"), (2, "a"), (1, "a")], [0, 3, 2, 1, 4]),
        // Bytewise, as Xapian compares values: "Z" before "a", "é" (0xC3…) after "z".
        ([(1, "é"), (1, "z"), (1, "a"), (1, "Z")], [3, 2, 1, 0]),
        // A weight 1e-15 apart is not a tie.
        ([(1 + 1e-15, "b"), (1, "a")], [0, 1]),
        ([], []),
    ]

    @Test(arguments: cases.indices) func tiesGoInArticleIdOrder(index: Int) throws {
        let (page, expected) = Self.cases[index]
        var matches = page.enumerated().map { number, hit in
            XapianMatch(docid: UInt32(number + 1), weight: hit.weight, collapseCount: 0, data: Array(hit.article.utf8))
        }
        try TieOrder.orderTies(&matches) { String(decoding: $0.data, as: UTF8.self) }
        #expect(matches.map { Int($0.docid) - 1 } == expected)
    }
}
