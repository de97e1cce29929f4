import PassimXapian
import Testing

@Suite("Queries built and searched on many threads at once")
struct ConcurrentQueryTests {
    /// Many tasks each build, combine, describe, search with and release their own query trees
    /// at once, each with its own database handle (a query is confined to the thread that built
    /// it, so the shim takes no lock); every search must see the same ranking.
    @Test func concurrentSearchesWithQueriesOfTheirOwn() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir + "/db"
            let writer = try WritableXapianDatabase(path: path)
            for index in 1...20 {
                try writer.add(
                    try makeDocument(
                        id: "p\(index)", terms: [("cell", UInt32(index % 7 + 1)), ("filler", 8)]))
            }
            try writer.close()

            func query() throws -> XapianQuery {
                try XapianQuery.combine(.or, [try .term("cell"), try .wildcard(prefix: "fill", maxExpansion: 5)])
            }
            let expected = try XapianDatabase(path: path).search(try query(), options: .init(limit: 20))
                .matches.map(\.docid)
            #expect(expected.count == 20)

            let rounds = 200
            let results = try await withThrowingTaskGroup(of: [[UInt32]].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let reader = try XapianDatabase(path: path)
                        var seen: [[UInt32]] = []
                        for round in 0..<rounds {
                            let own = try query()
                            let derived = try XapianQuery.combine(.alternating(round), [own, try .term("filler")])
                            _ = derived.description
                            seen.append(try reader.search(own, options: .init(limit: 20)).matches.map(\.docid))
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
