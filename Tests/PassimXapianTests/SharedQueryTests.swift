import PassimXapian
import Testing

@Suite("Sharing one query between threads")
struct SharedQueryTests {
    /// Many tasks search with, combine, describe and release the same query tree at once, each
    /// with its own database handle; every search must see the same ranking.
    @Test func concurrentSearchesWithOneQuery() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir + "/db"
            let writer = try WritableXapianDatabase(path: path)
            for index in 1...20 {
                try writer.add(
                    try makeDocument(
                        id: "p\(index)", terms: [("cell", UInt32(index % 7 + 1)), ("filler", 8)]))
            }
            try writer.close()

            let shared = try XapianQuery.combine(
                .or, [try .term("cell"), try .wildcard(prefix: "fill", maxExpansion: 5)])
            let expected = try XapianDatabase(path: path).search(shared, options: .init(limit: 20))
                .matches.map(\.docid)
            #expect(expected.count == 20)

            let rounds = 200
            let results = try await withThrowingTaskGroup(of: [[UInt32]].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let reader = try XapianDatabase(path: path)
                        var seen: [[UInt32]] = []
                        for round in 0..<rounds {
                            // Derived trees share nodes with `shared`; building and freeing them
                            // while other tasks search exercises the shim's query lock.
                            let derived = try XapianQuery.combine(
                                .alternating(round), [shared, try .term("filler")])
                            _ = derived.description
                            seen.append(
                                try reader.search(shared, options: .init(limit: 20)).matches.map(
                                    \.docid))
                        }
                        return seen
                    }
                }
                var all: [[UInt32]] = []
                for try await batch in group {
                    all += batch
                }
                return all
            }
            #expect(results.count == 4 * rounds)
            #expect(results.allSatisfy { $0 == expected })
        }
    }
}

extension XapianQuery.Operator {
    /// Alternates two operators so that both kinds of derived tree are built.
    fileprivate static func alternating(_ round: Int) -> Self {
        round.isMultiple(of: 2) ? .andMaybe : .or
    }
}
