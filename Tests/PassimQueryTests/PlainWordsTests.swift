import PassimQuery
import Testing

@Suite struct PlainWordsTests {
    let parser = QueryParser()

    /// Renders each plain word as `text@start..<end`, with `-` for excluded words.
    private func words(_ query: String) throws -> [String] {
        try parser.parse(query).plainWords.map {
            ($0.isExcluded ? "-" : "")
                + "\($0.word.text)@\($0.word.range.lowerBound)..<\($0.word.range.upperBound)"
        }
    }

    @Test func wordsCarryTheirByteRanges() throws {
        #expect(
            try words("stem \"fat graft\" -acne title:cell* source:x.com NOT fibro")
                == ["stem@0..<4", "fat@6..<9", "graft@10..<15", "-acne@18..<22", "-fibro@52..<57"])
    }

    @Test func rangesAreUTF8Bytes() throws {
        #expect(try words("“blüten öl” 血小板") == ["blüten@3..<10", "öl@11..<14", "血小板@18..<27"])
    }

    @Test func nearAndFieldWordsAreIncluded() throws {
        #expect(
            try words("fat NEAR/2 graft title:(stem OR cels)")
                == ["fat@0..<3", "graft@11..<16", "stem@24..<28", "cels@32..<36"])
    }

    @Test func operatorsFiltersAndPrefixesAreNotWords() throws {
        #expect(try words("a* AND article:b OR NOT:c") == ["NOT:c@20..<25"])
    }

    @Test func replacingAWordKeepsTheRest() throws {
        let parsed = try parser.parse("“stem cels” -acne")
        let cels = try #require(parsed.plainWords.first { $0.word.text == "cels" })
        let corrected = parsed.replacing([(cels.word.range, "cells")])
        #expect(corrected == "“stem cells” -acne")
        #expect(try parser.parse(corrected).root.description == "(\"stem cells\" -acne)")
    }

    @Test func replacingSeveralWordsAppliesEachAtItsOwnRange() throws {
        let parsed = try parser.parse("platlet rich plasm")
        let fixes = parsed.plainWords.compactMap { word -> (range: Range<Int>, text: String)? in
            switch word.word.text {
            case "platlet": (word.word.range, "platelet")
            case "plasm": (word.word.range, "plasma")
            default: nil
            }
        }
        #expect(parsed.replacing(fixes) == "platelet rich plasma")
    }
}
