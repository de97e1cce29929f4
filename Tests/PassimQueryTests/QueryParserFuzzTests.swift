import PassimQuery
import PassimTestSupport
import Testing

@Suite struct QueryParserFuzzTests {
    /// Pieces that exercise every rule of the lexer and parser when glued together at random.
    static let pieces = [
        "a", "cell", "Zz", "é", "血小板", " ", " ", "  ", "\t", "(", ")", "\"", "“", "”", "+", "-", "*", ":",
        "AND", "OR", "NOT", "NEAR/", "NEAR/2", "NEAR/0", "title:", "section:", "article:", "source:",
        "https://", "www.", ".org", "and", "/", "'", "’", "0", "99999",
    ]

    @Test(arguments: [1 as UInt64, 2, 3, 4])
    func randomQueriesParseOrFailCleanly(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let parser = QueryParser()
        var parsed = 0
        var failed = 0
        for _ in 0..<2000 {
            let count = Int.random(in: 0...16, using: &random)
            let query = (0..<count).map { _ in Self.pieces.randomElement(using: &random) ?? "" }.joined()
            let bytes = Array(query.utf8)
            do {
                let result = try parser.parse(query)
                parsed += 1
                #expect(!result.root.description.isEmpty, "\(query)")
                for plain in result.plainWords {
                    let range = plain.word.range
                    #expect(range.lowerBound >= 0 && range.upperBound <= bytes.count, "\(query)")
                    #expect(String(decoding: bytes[range], as: UTF8.self) == plain.word.text, "\(query)")
                }
            } catch {
                failed += 1
                #expect((0...bytes.count).contains(error.offset), "\(query): \(error)")
                #expect(!error.message.isEmpty && !error.expected.isEmpty, "\(query)")
            }
        }
        // Both outcomes must be exercised, or the generator is not testing the parser.
        #expect(parsed > 100)
        #expect(failed > 100)
    }

    @Test func hostileNestingIsAnErrorNotACrash() {
        let parser = QueryParser(maximumLength: 1_000_000)
        let query = String(repeating: "(", count: 100_000)
        #expect(
            throws: QuerySyntaxError(
                .nestingTooDeep, offset: 64, message: "parentheses nested more than 64 deep",
                expected: "at most 64 nested '('")
        ) {
            try parser.parse(query)
        }
    }

    @Test func longRunsOfSignsAndOperatorsStayFlat() throws {
        let parser = QueryParser(maximumLength: 1_000_000)
        let signs = String(repeating: "+-", count: 50_000) + "cell"
        #expect(try parser.parse(signs).root.description == "(+" + signs.dropFirst() + ")")
        let chain = String(repeating: "a OR ", count: 20_000) + "a"
        #expect(try parser.parse(chain).plainWords.count == 20_001)
    }
}
