import PassimQuery
import Testing

/// Query string -> canonical syntax tree, like Xapian's queryparser tests.
private let parseCases: [(query: String, tree: String)] = [
    // Bare words and implicit sequences.
    ("stem", "stem"),
    ("stem cells", "(stem cells)"),
    ("  stem    cells  ", "(stem cells)"),
    ("stem\tcells\n", "(stem cells)"),
    ("stem\u{00A0}cells", "(stem cells)"),
    ("+stem cells", "(+stem cells)"),
    ("stem -acne", "(stem -acne)"),
    ("-acne", "(-acne)"),
    ("+stem", "(+stem)"),
    ("+(fat graft) -acne", "(+(fat graft) -acne)"),
    // Dashes and pluses that are text, not operators.
    ("cell-derived", "cell-derived"),
    ("adipose cell-derived -x", "(adipose cell-derived -x)"),
    ("- acne", "(- acne)"),
    ("fat+graft", "fat+graft"),
    ("-AND fat", "(-AND fat)"),
    ("2.18.0 release", "(2.18.0 release)"),
    // Boolean operators and precedence NOT > AND > OR.
    ("stem AND cells", "stem AND cells"),
    ("stem OR cells", "stem OR cells"),
    ("stem NOT acne", "stem AND_NOT acne"),
    ("stem cell NOT acne", "(stem cell) AND_NOT acne"),
    ("a OR b AND c", "a OR (b AND c)"),
    ("a AND b OR c AND d", "(a AND b) OR (c AND d)"),
    ("a NOT b AND c", "(a AND_NOT b) AND c"),
    ("a NOT b NOT c", "(a AND_NOT b) AND_NOT c"),
    ("a AND b AND c", "a AND b AND c"),
    ("(a OR b) AND c", "(a OR b) AND c"),
    ("((a))", "a"),
    ("cells AND(fat OR graft)", "cells AND (fat OR graft)"),
    ("(stem cells)acne", "((stem cells) acne)"),
    // Operators only in upper case.
    ("stem and cells", "(stem and cells)"),
    ("stem or not cells", "(stem or not cells)"),
    ("Stem And Cells", "(Stem And Cells)"),
    ("NEAR fat", "(NEAR fat)"),
    ("fat near/3 graft", "(fat near/3 graft)"),
    // Phrases, with straight and typographic quotes.
    ("\"stem cells\"", "\"stem cells\""),
    ("“stem cells”", "\"stem cells\""),
    ("„stem cells“", "\"stem cells\""),
    ("\"  stem   cells \"", "\"stem cells\""),
    ("\"stem AND cells\"", "\"stem AND cells\""),
    ("-\"stem cells\" acne", "(-\"stem cells\" acne)"),
    ("fat\"graft survival\"", "(fat \"graft survival\")"),
    // NEAR and wildcards.
    ("fat NEAR/3 graft", "(fat NEAR/3 graft)"),
    ("fat NEAR/3 graft NEAR/5 survival", "(fat NEAR/5 graft NEAR/5 survival)"),
    ("fat NEAR/2 graft OR acne", "(fat NEAR/2 graft) OR acne"),
    ("cell*", "cell*"),
    ("cell** growth", "(cell* growth)"),
    ("+graft* -\"fat graft\" NOT title:(scar*)", "(+graft* -\"fat graft\") AND_NOT title:scar*"),
    // Fields.
    ("title:stem", "title:stem"),
    ("title:\"stem cells\"", "title:\"stem cells\""),
    ("section:(stem OR cells)", "section:(stem OR cells)"),
    ("title:(stem cells) acne", "(title:(stem cells) acne)"),
    ("title:cell*", "title:cell*"),
    ("title:AND", "title:AND"),
    ("title:fat NEAR/2 graft", "title:(fat NEAR/2 graft)"),
    ("+title:fat -section:references", "(+title:fat -section:references)"),
    ("article:notes/prp.md", "article:notes/prp.md"),
    ("article:\"my notes.md\"", "article:\"my notes.md\""),
    ("source:https://www.NIH.gov/health?q=1", "source:nih.gov"),
    ("source:nih.gov source:who.int fat", "(source:nih.gov source:who.int fat)"),
    ("-source:nih.gov fat", "(-source:nih.gov fat)"),
    ("note:fat", "note:fat"),
    ("Title:fat", "Title:fat"),
    // Other scripts.
    ("血小板研究", "血小板研究"),
    ("脂肪 幹細胞", "(脂肪 幹細胞)"),
    ("\"血小板 研究\"", "\"血小板 研究\""),
    ("body’s fat", "(body’s fat)"),
    ("Straße OR café", "Straße OR café"),
]

/// Query string -> where the syntax error is and what was expected there.
private let errorCases: [(query: String, code: QuerySyntaxError.Code, offset: Int, expected: String)] = [
    ("", .emptyQuery, 0, "a word, phrase or '('"),
    ("   ", .emptyQuery, 0, "a word, phrase or '('"),
    ("\"stem cells", .unterminatedPhrase, 0, "a closing '\"' for the phrase that starts here"),
    ("fat “stem cells", .unterminatedPhrase, 4, "a closing '\"' for the phrase that starts here"),
    ("é \"x", .unterminatedPhrase, 3, "a closing '\"' for the phrase that starts here"),
    ("\"\"", .emptyPhrase, 0, "words between the quotes"),
    ("(stem cells", .missingCloseParenthesis, 11, "')' to close the '(' at byte 0"),
    ("fat ((graft) acne", .missingCloseParenthesis, 17, "')' to close the '(' at byte 4"),
    ("fat (", .missingCloseParenthesis, 5, "a query and ')' after the '(' at byte 4"),
    (
        "stem cells)", .unexpectedCloseParenthesis, 10,
        "a word, an operator or the end of the query (this ')' has no '(')"
    ),
    ("()", .emptyGroup, 1, "a query between '(' and ')'"),
    ("AND cells", .missingOperand, 0, "a word, phrase or '(' before AND"),
    ("NOT cells", .missingOperand, 0, "a word, phrase or '(' before NOT"),
    ("fat (OR graft)", .missingOperand, 5, "a word, phrase or '(' before OR"),
    ("cells AND", .missingOperand, 9, "a word, phrase or '(' after AND"),
    ("cells OR", .missingOperand, 8, "a word, phrase or '(' after OR"),
    ("cells AND OR fat", .missingOperand, 10, "a word, phrase or '(' after AND"),
    ("fat (graft AND)", .missingOperand, 14, "a word, phrase or '(' after AND"),
    ("fat NEAR/ graft", .invalidNearDistance, 9, "a distance from 1 to 1000 after NEAR/, as in NEAR/5"),
    ("fat NEAR/0 graft", .invalidNearDistance, 9, "a distance from 1 to 1000 after NEAR/, as in NEAR/5"),
    ("fat NEAR/x graft", .invalidNearDistance, 9, "a distance from 1 to 1000 after NEAR/, as in NEAR/5"),
    ("fat NEAR/1001 graft", .invalidNearDistance, 9, "a distance from 1 to 1000 after NEAR/, as in NEAR/5"),
    ("fat NEAR/3", .missingOperand, 10, "a plain word after NEAR/3"),
    ("(fat NEAR/2)", .missingOperand, 11, "a plain word after NEAR/2"),
    ("fat NEAR/2 \"a b\"", .missingOperand, 11, "a plain word after NEAR/2"),
    ("NEAR/3 fat", .misplacedNear, 0, "a plain word before NEAR/3"),
    ("\"a b\" NEAR/3 fat", .misplacedNear, 6, "a plain word before NEAR/3"),
    ("title:", .missingFieldValue, 6, "a word, phrase or '(' right after 'title:'"),
    ("title: fat", .missingFieldValue, 6, "a word, phrase or '(' right after 'title:'"),
    ("fat section:)", .missingFieldValue, 12, "a word, phrase or '(' right after 'section:'"),
    ("article:", .missingFieldValue, 8, "an article id right after 'article:'"),
    ("source:(nih.gov)", .missingFieldValue, 7, "a domain such as nih.gov right after 'source:'"),
    ("article:\"\"", .emptyFieldValue, 8, "an article id"),
    ("source:\"  \"", .emptyFieldValue, 7, "a domain such as nih.gov"),
    ("source:https://", .invalidFieldValue, 7, "a domain such as nih.gov"),
    ("title:(section:fat)", .nestedField, 7, "a query without field prefixes inside 'title:(...)'"),
    ("*", .missingWildcardPrefix, 0, "a word before '*', as in cell*"),
    ("fat **", .missingWildcardPrefix, 4, "a word before '*', as in cell*"),
    (String(repeating: "(", count: 65) + "x", .nestingTooDeep, 64, "at most 64 nested '('"),
    (String(repeating: "a ", count: 2049), .queryTooLong, 4096, "at most 4096 bytes"),
]

@Suite struct QueryParserTests {
    let parser = QueryParser()

    @Test(arguments: parseCases)
    func canonicalTree(query: String, tree: String) throws {
        #expect(try parser.parse(query).root.description == tree)
    }

    @Test(arguments: errorCases)
    func syntaxError(query: String, code: QuerySyntaxError.Code, offset: Int, expected: String) {
        #expect {
            _ = try parser.parse(query)
        } throws: { error in
            guard let error = error as? QuerySyntaxError else { return false }
            return error.code == code && error.offset == offset && error.expected == expected
        }
    }

    @Test func errorDescriptionNamesPlaceAndExpectation() {
        #expect(throws: QuerySyntaxError.self) { try parser.parse("cells AND") }
        do {
            _ = try parser.parse("cells AND")
        } catch {
            #expect(
                error.description
                    == "query syntax error at byte 9: query ends after AND; expected a word, phrase or '(' after AND"
            )
        }
    }

    @Test func nestingUpToTheLimitParses() throws {
        let query = String(repeating: "(", count: 64) + "x" + String(repeating: ")", count: 64)
        #expect(try parser.parse(query).root.description == "x")
    }

    @Test func queryOfExactlyTheMaximumLengthParses() throws {
        let query = String(repeating: "ab ", count: 1365) + "a"
        #expect(query.utf8.count == 4096)
        #expect(try parser.parse(query).plainWords.count == 1366)
    }

    @Test func limitsAreConfigurable() {
        let strict = QueryParser(maximumLength: 10, maximumDepth: 1)
        #expect(
            throws: QuerySyntaxError(
                .queryTooLong, offset: 10, message: "query is too long (11 bytes)",
                expected: "at most 10 bytes")
        ) {
            try strict.parse("stem cells!")
        }
        #expect(throws: QuerySyntaxError.self) { try strict.parse("((a))") }
        #expect((try? strict.parse("(a)"))?.root.description == "a")
    }
}
