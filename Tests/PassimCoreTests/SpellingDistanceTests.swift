import Testing

@testable import PassimCore

/// A spelling correction replaces a word only when it is close for the word's length.
@Suite struct SpellingDistanceTests {
    @Test(arguments: [
        // Rare real words are not turned into common wrong ones.
        ("yale", "male", false), ("okra", "ora", false), ("tufts", "tests", false),
        ("splenda", "spend", false), ("teh", "the", false),
        // Typos are corrected: one edit from five characters, two from ten.
        ("colagen", "collagen", true), ("recieve", "receive", true), ("scras", "scars", true),
        ("fibroblsts", "fibroblasts", true), ("acommodaton", "accommodation", true),
        ("hyaluronc", "hyaluronic", true), ("melanocyts", "melanocytes", true),
        ("collagen", "elastin", false), ("dermatolgy", "dermatology", true),
        ("placebo", "plateau", false),
    ])
    func closeForTheWordsLength(_ row: (String, String, Bool)) {
        #expect(SpellingDistance.isClose(row.0, row.1) == row.2, "\(row.0) -> \(row.1)")
    }

    @Test(arguments: [
        ("", "", 0), ("abc", "abc", 0), ("abc", "acb", 1), ("kitten", "sitting", 3), ("ca", "abc", 3),
        ("colagen", "collagen", 1), ("", "ab", 2),
    ])
    func distanceIsDamerausWithinTheLimit(_ row: (String, String, Int)) {
        let found = SpellingDistance.distance(Array(row.0.unicodeScalars), Array(row.1.unicodeScalars), limit: 5)
        #expect(found == row.2, "\(row.0) -> \(row.1)")
    }
}
