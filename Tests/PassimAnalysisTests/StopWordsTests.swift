import PassimAnalysis
import Testing

@Suite struct StopWordsTests {
    @Test(arguments: ["the", "a", "and", "of", "is", "what", "how", "your", "with", "i"])
    func stopWords(_ term: String) {
        #expect(StopWords.contains(term))
    }

    /// Content words, including negations and quantities that carry meaning in a query.
    @Test(arguments: ["not", "no", "all", "stem", "cells", "acne", "The", "", "more", "can"])
    func notStopWords(_ term: String) {
        #expect(!StopWords.contains(term))
    }

    /// The list is Omega's, word for word: 35 words, all already normalized.
    @Test func listIsOmegas() throws {
        #expect(StopWords.english.count == 35)
        let analyzer = try Analyzer()
        for word in StopWords.english {
            #expect(analyzer.normalize(word) == word)
        }
    }
}
