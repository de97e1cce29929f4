import PassimAnalysis
import Testing

@Suite struct SchemaTests {
    let word = Token(term: "cells", start: 0, end: 5, position: 1, kind: .word)
    let number = Token(term: "2.18.0", start: 0, end: 6, position: 1, kind: .number)
    let ideograph = Token(term: "血小板", start: 0, end: 9, position: 1, kind: .ideographic)
    let bigram = Token(term: "小板", start: 3, end: 9, position: 2, kind: .bigram)

    @Test func fieldPrefixesAndWeights() {
        #expect(Schema.Field.allCases.map(\.prefix) == ["", "S", "XS"])
        #expect(Schema.Field.allCases.map(\.bodyRankingWeight) == [1, 3, 2])
        #expect(Schema.titleWeight == 3)
        #expect(Schema.sectionWeight == 2)
        #expect(Schema.articleSlot == 0)
    }

    @Test(arguments: [
        (Schema.Field.body, "Zcell", "2.18.0", "血小板", "XB小板"),
        (.title, "ZScell", "S2.18.0", "S血小板", "XBS小板"),
        (.section, "ZXScell", "XS2.18.0", "XS血小板", "XBXS小板"),
    ])
    func termsPerField(
        _ field: Schema.Field, stem: String, number: String, ideograph: String, bigram: String
    ) throws {
        let analyzer = try Analyzer()
        #expect(Schema.term(for: word, field: field, stem: analyzer.stem) == stem)
        #expect(Schema.term(for: self.number, field: field, stem: analyzer.stem) == number)
        #expect(Schema.term(for: self.ideograph, field: field, stem: analyzer.stem) == ideograph)
        #expect(Schema.term(for: self.bigram, field: field, stem: analyzer.stem) == bigram)
        #expect(Schema.stemTerm("cell", field: field) == stem)
        #expect(Schema.bigramTerm("小板", field: field) == bigram)
    }

    /// Only `.word` tokens are stemmed.
    @Test func stemIsCalledOnlyForWords() {
        var stemmed: [String] = []
        for token in [word, number, ideograph, bigram] {
            _ = Schema.term(for: token, field: .body) { term in
                stemmed.append(term)
                return term
            }
        }
        #expect(stemmed == ["cells"])
    }

    @Test func booleanTerms() {
        #expect(Schema.passageIDTerm("000_c0039b83ab477ca1#3") == "Q000_c0039b83ab477ca1#3")
        #expect(Schema.articleTerm("000_c0039b83ab477ca1") == "XA000_c0039b83ab477ca1")
        #expect(Schema.sourceDomainTerm("Example.ORG") == "XDexample.org")
    }
}
