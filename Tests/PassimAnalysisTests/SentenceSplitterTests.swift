import Foundation
import PassimTestSupport
import Testing

@testable import PassimAnalysis

@Suite struct SentenceSplitterTests {
    let splitter: SentenceSplitter

    init() throws {
        splitter = try SentenceSplitter()
    }

    private func sentences(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return splitter.sentences(in: text).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test(arguments: [
        (
            "Stem cells repair tissue. They release growth factors! Does it hurt? No.",
            [
                "Stem cells repair tissue. ", "They release growth factors! ", "Does it hurt? ",
                "No.",
            ]
        ),
        // Decimals and versions never end a sentence.
        (
            "Inject 2.5 ml of PRP. Version 2.18.0 is out.",
            ["Inject 2.5 ml of PRP. ", "Version 2.18.0 is out."]
        ),
        // `e.g.` / `i.e.` before lower case: UAX #29 itself keeps going.
        (
            "Fillers, e.g. hyaluronic acid, help. Done.",
            ["Fillers, e.g. hyaluronic acid, help. ", "Done."]
        ),
        // ...and before a capital: our abbreviation list keeps going (ICU 72 would break).
        ("Fillers, e.g. Botox, help. Done.", ["Fillers, e.g. Botox, help. ", "Done."]),
        ("Stem cells (i.e. MSCs) help.", ["Stem cells (i.e. MSCs) help."]),
        ("Ask Dr. Smith first. Then rest.", ["Ask Dr. Smith first. ", "Then rest."]),
        ("See Fig. 3 and Fig. A for details.", ["See Fig. 3 and Fig. A for details."]),
        // ICU's own en@ss=standard suppressions.
        (
            "Mr. Jones agreed. Prof. Xavier did not.",
            ["Mr. Jones agreed. ", "Prof. Xavier did not."]
        ),
        // A word ending in a listed abbreviation is not one (`1st.`).
        ("She came 1st. Then she left.", ["She came 1st. ", "Then she left."]),
        // `U.S.` can end a sentence, so it is left to ICU.
        ("Made in the U.S. The end.", ["Made in the U.S. ", "The end."]),
        // Line breaks end sentences; the break belongs to the sentence before it.
        ("Heading\n\nFirst line. Second.\n", ["Heading\n", "\n", "First line. ", "Second.\n"]),
        ("- bullet one\n- bullet two", ["- bullet one\n", "- bullet two"]),
        ("No terminal punctuation", ["No terminal punctuation"]),
        ("我们研究血小板。它们很重要！", ["我们研究血小板。", "它们很重要！"]),
        ("", []),
    ])
    func splits(_ pair: (String, [String])) {
        #expect(sentences(pair.0) == pair.1)
    }

    /// On every corpus article the ranges tile the text exactly, in order.
    @Test func rangesCoverCorpusFiles() throws {
        let corpus = Repository.corpus
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus.path)
            .filter { $0.hasSuffix(".txt") }
        #expect(files.count >= 5)
        for file in files {
            let text = try String(contentsOf: corpus.appendingPathComponent(file), encoding: .utf8)
            let ranges = splitter.sentences(in: text)
            #expect(ranges.first?.lowerBound == 0, "\(file)")
            #expect(ranges.last?.upperBound == text.utf8.count, "\(file)")
            for (previous, next) in zip(ranges, ranges.dropFirst()) {
                #expect(previous.upperBound == next.lowerBound, "\(file)")
                #expect(!next.isEmpty, "\(file)")
            }
            #expect(ranges.count > 10, "\(file)")
        }
    }

    /// A text longer than a window (a huge hard-wrapped paragraph) splits exactly as it would
    /// in one piece: windows end mid-sentence and mid-character, and line breaks read as spaces.
    @Test func windowedSplittingEqualsWholeText() {
        let shapes = [
            "Dr. Okafor measured 2.5 mg of collagen in the café's samples.",
            "Was it the “growth factor” (PDGF) that mattered?",
            "Fig. 3 shows the effect, e.g. on wound healing; it was small!",
            "细胞外基质的胶原蛋白含量增加了。",
            "The U.S. trial ended early.",
        ]
        var text = ""
        var index = 0
        while text.utf8.count < 3 * SentenceSplitter.window + 1_000 {
            text += shapes[index % shapes.count]
            text += index % 7 == 3 ? "\n" : " "
            index += 1
        }
        let bytes = Array(text.utf8)
        let flat = String(decoding: bytes.map { $0 == UInt8(ascii: "\n") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
        let whole = splitter.sentences(in: flat)
        let windowed = splitter.sentences(readingLineBreaksAsSpaces: bytes[...])
        #expect(whole.count > 1_000)
        #expect(windowed == whole)
        // A slice that does not start at index 0 gives ranges from its own start.
        let offset = splitter.sentences(readingLineBreaksAsSpaces: Array("x ".utf8 + bytes)[2...])
        #expect(offset == whole)
    }
}
