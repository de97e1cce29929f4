import PassimXapian
import Testing

@Suite("Stemming")
struct StemmerTests {
    @Test(arguments: [
        ("platelets", "platelet"), ("running", "run"), ("cells", "cell"), ("derived", "deriv"),
        ("hyperpigmentation", "hyperpigment"), ("studies", "studi"), ("2.18.0", "2.18.0"), ("", ""),
    ])
    func englishStems(_ word: String, _ stem: String) throws {
        #expect(try Stemmer().stem(word) == stem)
    }

    @Test func otherLanguages() throws {
        #expect(try Stemmer(language: "french").stem("continuellement") == "continuel")
        #expect(try Stemmer(language: "german").stem("häuser") == "haus")
    }

    @Test(arguments: ["klingon", "", "english\u{0}"])
    func unknownLanguageIsInvalidArgument(_ language: String) {
        let error = xapianError { () throws(XapianError) in _ = try Stemmer(language: language) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.type == "InvalidArgumentError")
    }
}
