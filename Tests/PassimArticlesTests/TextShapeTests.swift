import Testing

@testable import PassimArticles

/// The ASCII shortcuts in `TextShape` answer exactly as the Unicode properties they stand for.
@Suite struct TextShapeTests {
    @Test func asciiShortcutsAgreeWithUnicodeProperties() throws {
        for value in UInt32(0)..<0x80 {
            let scalar = try #require(Unicode.Scalar(value))
            #expect(TextShape.isWhitespace(scalar) == scalar.properties.isWhitespace, "U+\(value)")
            #expect(
                TextShape.isAlphanumeric(scalar)
                    == (scalar.properties.isAlphabetic || scalar.properties.numericType != nil), "U+\(value)")
        }
    }

    @Test(arguments: [
        ("Final Thoughts", 2), ("  - stem   cells\t(SVF) ", 3), ("— · —", 0), ("élan vital\u{00A0}now", 3),
        ("", 0), ("3 mm", 2), ("中文 text", 2),
    ])
    func wordsAreRunsBetweenWhitespaceWithALetterOrDigit(text: String, count: Int) {
        #expect(TextShape.wordCount(text) == count)
    }
}
