import PassimQuery
import Testing

/// Plain words typed by a person always search: what cannot be an operator where it stands is
/// read as text and reported; mistakes that can only be syntax stay exact errors.
@Suite struct LenientQueryParserTests {
    /// Query -> (what was read as text, at which byte offset), and the query searched.
    static let repaired: [(query: String, repairs: [String], searched: String)] = [
        ("wings) effects", [") at 5"], "wings  effects"),
        ("effects (on wings", ["( at 8"], "effects  on wings"),
        ("(a (b) c", ["( at 0"], " a (b) c"),
        ("say \"hello", ["\" at 4"], "say  hello"),
        ("() collagen", ["() at 0"], "   collagen"),
        ("a \"\" leaves", ["\"\" at 2"], "a    leaves"),
        ("laser AND NOT peel", ["AND at 6"], "laser and NOT peel"),
        ("collagen AND", ["AND at 9"], "collagen and"),
        ("AND collagen", ["AND at 0"], "and collagen"),
        ("skin OR", ["OR at 5"], "skin or"),
        ("a) b) c", [") at 1", ") at 4"], "a  b  c"),
        ("(fin-body) combination", [], "(fin-body) combination"),
        // A query in capitals: its operator words are words; with any lower case they stay operators.
        ("ANALYSIS AND DESIGN OF FILTERS", ["AND at 9"], "ANALYSIS and DESIGN OF FILTERS"),
        (
            "RESISTIVE OR CAPACITIVE, NOT INDUCTIVE", ["OR at 10", "NOT at 25"],
            "RESISTIVE or CAPACITIVE, not INDUCTIVE"
        ),
        ("NOT COLLAGEN", ["NOT at 0"], "not COLLAGEN"),
        ("Analysis AND Design", [], "Analysis AND Design"),
        // Words without case, or numbers, set operators apart as lower case does.
        ("血小板 AND 研究", [], "血小板 AND 研究"),
        ("1978 OR 1979", [], "1978 OR 1979"),
        ("WINGS) AND FLAPS", ["AND at 7", ") at 5"], "WINGS  and FLAPS"),
    ]

    @Test(arguments: repaired.indices)
    func strayCharactersAreReadAsText(_ index: Int) throws {
        let row = Self.repaired[index]
        let (parsed, repairs) = try LenientQueryParser().parse(row.query)
        #expect(repairs.map { "\($0.text) at \($0.offset)" } == row.repairs, "\(row.query)")
        #expect(repairs.allSatisfy { !$0.reason.isEmpty })
        #expect(parsed == (try QueryParser().parse(row.searched)), "\(row.query)")
    }

    /// Mistakes only the syntax can mean are the typed query's own errors.
    @Test(arguments: ["title:", "NOT collagen", "a NEAR/x b", "*", "\"growth factors\" NEAR/5", ""])
    func syntaxMistakesStayErrors(_ query: String) throws {
        var expected: QuerySyntaxError?
        do { _ = try QueryParser().parse(query) } catch { expected = error }
        let error = try #require(expected, "\(query) should not parse")
        #expect(throws: error) { _ = try LenientQueryParser().parse(query) }
    }
}
