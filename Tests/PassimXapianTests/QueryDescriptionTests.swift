import PassimXapian
import Testing

/// One query built through the API and the exact description Xapian gives it.
struct DescriptionCase: Sendable, CustomTestStringConvertible {
    let name: String
    let build: @Sendable () throws -> XapianQuery
    let expected: String
    var testDescription: String { name }
}

private func t(_ term: String, _ position: UInt32 = 0) throws -> XapianQuery {
    try .term(term, position: position)
}

private let descriptionCases: [DescriptionCase] = [
    .init(name: "term", build: { try t("Zcell") }, expected: "Query(Zcell)"),
    .init(name: "term with position", build: { try t("cell", 3) }, expected: "Query(cell@3)"),
    .init(name: "term with wqf", build: { try .term("a", wqf: 3) }, expected: "Query(a#3)"),
    .init(name: "match all", build: { try .matchAll() }, expected: "Query(<alldocuments>)"),
    .init(name: "match nothing", build: { try .matchNothing() }, expected: "Query()"),
    .init(
        name: "and", build: { try .combine(.and, [t("a"), t("b")]) }, expected: "Query((a AND b))"),
    .init(
        name: "or", build: { try .combine(.or, [t("a"), t("b"), t("c")]) },
        expected: "Query((a OR b OR c))"),
    .init(
        name: "and not", build: { try .combine(.andNot, [t("Zstock", 1), t("Zcook", 2)]) },
        expected: "Query((Zstock@1 AND_NOT Zcook@2))"),
    .init(
        name: "xor", build: { try .combine(.xor, [t("a"), t("b")]) }, expected: "Query((a XOR b))"),
    .init(
        name: "and maybe", build: { try .combine(.andMaybe, [t("a"), t("b")]) },
        expected: "Query((a AND_MAYBE b))"),
    .init(
        name: "filter", build: { try .combine(.filter, [t("a"), t("XAfoo")]) },
        expected: "Query((a FILTER XAfoo))"),
    .init(
        name: "phrase", build: { try .combine(.phrase, [t("a", 1), t("b", 2)]) },
        expected: "Query((a@1 PHRASE 2 b@2))"),
    .init(
        name: "phrase with window",
        build: { try .combine(.phrase, [t("a", 1), t("b", 2)], parameter: 3) },
        expected: "Query((a@1 PHRASE 3 b@2))"),
    .init(
        name: "near", build: { try .combine(.near, [t("a"), t("b")], parameter: 5) },
        expected: "Query((a NEAR 5 b))"),
    .init(
        name: "elite set", build: { try .combine(.eliteSet, [t("a"), t("b")], parameter: 1) },
        expected: "Query((a ELITE_SET 1 b))"),
    .init(
        name: "synonym", build: { try .combine(.synonym, [t("a"), t("b")]) },
        expected: "Query((a SYNONYM b))"),
    .init(
        name: "max", build: { try .combine(.max, [t("a"), t("b")]) }, expected: "Query((a MAX b))"),
    .init(name: "scaled", build: { try t("a").scaled(by: 2.5) }, expected: "Query(2.5 * a)"),
    .init(
        name: "wildcard", build: { try .wildcard(prefix: "plate", maxExpansion: 10) },
        expected: "Query(WILDCARD SYNONYM plate)"),
    .init(name: "empty and", build: { try .combine(.and, []) }, expected: "Query()"),
    .init(
        name: "or with an empty side", build: { try .combine(.or, [t("a"), .matchNothing()]) },
        expected: "Query(a)"),
    .init(
        name: "and with an empty side", build: { try .combine(.and, [t("a"), .matchNothing()]) },
        expected: "Query()"),
    .init(
        name: "nested",
        build: {
            try .combine(
                .filter,
                [
                    .combine(.or, [t("Zcell"), t("Zplatelet").scaled(by: 2)]),
                    .combine(.or, [t("XAa1"), t("XAa2")]),
                ])
        },
        expected: "Query(((Zcell OR 2 * Zplatelet) FILTER (XAa1 OR XAa2)))"),
]

@Suite("Query descriptions")
struct QueryDescriptionTests {
    @Test(arguments: descriptionCases)
    func describesLikeXapian(_ testCase: DescriptionCase) throws {
        let query = try testCase.build()
        #expect(query.description == testCase.expected)
    }

    @Test func isEmptyOnlyForQueriesThatMatchNothing() throws {
        #expect(try XapianQuery.matchNothing().isEmpty)
        #expect(try XapianQuery.combine(.and, []).isEmpty)
        #expect(try XapianQuery.term("a").isEmpty == false)
        #expect(try XapianQuery.matchAll().isEmpty == false)
    }

    @Test func windowIsRejectedForOperatorsWithoutOne() {
        let error = xapianError { () throws(XapianError) in
            _ = try XapianQuery.combine(.and, [try .term("a"), try .term("b")], parameter: 3)
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.type == "InvalidArgumentError")
    }

    @Test func negativeScaleIsRejected() {
        let error = xapianError { () throws(XapianError) in
            _ = try XapianQuery.term("a").scaled(by: -1)
        }
        #expect(error?.code == .invalidArgument)
    }

    @Test func termsKeepArbitraryBytes() throws {
        // UTF-8 beyond ASCII and CJK bigrams must reach Xapian unchanged.
        #expect(try XapianQuery.term("XB血小", position: 2).description == "Query(XB血小@2)")
        #expect(try XapianQuery.term("straße").description == "Query(straße)")
    }
}

/// Which query trees Xapian 1.4 prunes exactly: the searcher scores every match only for the
/// others (an OR or AND_MAYBE outside a SYNONYM can lose a top hit while it prunes).
@Suite struct PruningExactnessTests {
    @Test func onlyTreesWithADecayingOperatorOutsideASynonymMayPruneInexactly() throws {
        let a = try XapianQuery.term("Za", position: 1)
        let b = try XapianQuery.term("Zb", position: 2)
        let c = try XapianQuery.term("XAc")
        let cases: [(XapianQuery, Bool)] = [
            (a, false),
            (try .combine(.and, [a, b]), false),
            (try .combine(.phrase, [a, b]), false),
            (try .combine(.filter, [a, c]), false),
            (try .combine(.andNot, [a, b]), false),
            (try .combine(.synonym, [a, try .combine(.or, [b, c])]), false),
            (try .combine(.or, [a, b]), true),
            (try .combine(.andMaybe, [a, b]), true),
            (try .combine(.filter, [try .combine(.or, [a, b]), c]), true),
            (try .combine(.andNot, [a, try .combine(.or, [b, c])]), true),
            (try .combine(.max, [a, b]), true),
        ]
        for (query, expected) in cases {
            #expect(query.mayPruneInexactly == expected, "\(query)")
        }
    }
}
