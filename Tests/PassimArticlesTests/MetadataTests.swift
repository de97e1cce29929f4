import PassimArticles
import Testing

/// Titles (given or derived), trailing sources, content hash and size.
@Suite struct MetadataTests {
    struct TitleCase: Sendable, CustomTestStringConvertible {
        let input: String
        let title: String
        let derived: Bool
        var testDescription: String { "title of \(input.prefix(30).debugDescription)" }
    }

    static let titleCases: [TitleCase] = [
        TitleCase(
            input: "Stem Cells for Acne Scars Explained\nAcne scars form when pimples damage deep skin.",
            title: "Stem Cells for Acne Scars Explained", derived: false),
        TitleCase(
            input: "\n\nCan Stem Cells Fix Acne Scars?\n\nAcne scars form when pimples damage deep skin.",
            title: "Can Stem Cells Fix Acne Scars?", derived: false),
        TitleCase(
            input: "# Regenerative Therapy\n\nAcne scars form when pimples damage deep skin.",
            title: "Regenerative Therapy", derived: false),
        TitleCase(
            input: "Acne scars form when pimples damage skin. They last for years and years.",
            title: "Acne scars form when pimples damage skin", derived: true),
        TitleCase(
            input:
                "Skin damage, scars, and stretch marks are common concerns caused by aging, injury, surgery, acne, or rapid weight changes. More text follows.",
            title: "Skin damage, scars, and stretch marks are common concerns caused by aging…", derived: true),
        TitleCase(
            input: "A title-like line with nothing after it", title: "A title-like line with nothing after it",
            derived: true),
        TitleCase(
            input: "- Reduce inflammation in damaged skin\n- Improve blood circulation in the skin",
            title: "Reduce inflammation in damaged skin", derived: true),
        TitleCase(input: "A | B\n---|---\n1 | 2", title: "case", derived: true),
        TitleCase(
            input: "Supercalifragilisticexpialidocioussupercalifragilisticexpialidocioussupercalifragilistic is long.",
            title: "Supercalifragilisticexpialidocioussupercalifragilisticexpialidocioussupercalifr…", derived: true),
    ]

    @Test(arguments: titleCases) func title(_ row: TitleCase) throws {
        let article = try parseArticle(row.input)
        #expect(article.title == row.title)
        #expect(article.titleIsDerived == row.derived)
        #expect(article.title.count <= 80)
    }

    @Test func titleLineIsNotAPassage() throws {
        let article = try parseArticle("Short Title\nThe body text of the article is here and long enough.")
        #expect(article.passages.map(\.text) == ["The body text of the article is here and long enough."])
        #expect(article.passages.first?.section == nil)
    }

    struct SourcesCase: Sendable, CustomTestStringConvertible {
        let name: String
        let tail: String
        let sources: [String]
        /// The text of the last passage: the tail must not leak into it.
        let lastPassage: String
        var testDescription: String { name }
    }

    static let body = "The body of the article is a paragraph with enough words."

    static let sourcesCases: [SourcesCase] = [
        SourcesCase(
            name: "Sources heading then links, then blank lines",
            tail: "\nSources\nhttps://a.example/one\nhttps://b.example/two?x=1&y=2\n\n\n",
            sources: ["https://a.example/one", "https://b.example/two?x=1&y=2"], lastPassage: body),
        SourcesCase(
            name: "References: with bulleted links and citation text",
            tail: "\n\nReferences:\n- Smith 2020, https://a.example/paper.\n- https://b.example/\n",
            sources: ["https://a.example/paper", "https://b.example/"], lastPassage: body),
        SourcesCase(
            name: "bare links at the end without a heading",
            tail: "\nhttps://a.example/one\nwww.b.example/two",
            sources: ["https://a.example/one", "www.b.example/two"], lastPassage: body),
        SourcesCase(
            name: "a sentence ending in a link is text, not a source",
            tail: "\nRead the full study at https://a.example/study for details.",
            sources: [], lastPassage: "Read the full study at https://a.example/study for details."),
        SourcesCase(
            name: "boilerplate after the sources is ignored",
            tail: "\nSources\nhttps://a.example/one\n\nLeave a Reply",
            sources: ["https://a.example/one"], lastPassage: body),
        SourcesCase(
            name: "a Sources heading with nothing under it is not a passage",
            tail: "\nSources:",
            sources: [], lastPassage: body),
    ]

    @Test(arguments: sourcesCases) func trailingSources(_ row: SourcesCase) throws {
        let article = try parseArticle(lead + "\n" + Self.body + row.tail)
        #expect(article.sources == row.sources)
        #expect(article.passages.last?.text == row.lastPassage)
    }

    @Test func hashAndSize() throws {
        let text = "Title Here\nSome body text that is long enough to be a passage."
        let article = try parseArticle(text)
        #expect(article.byteCount == text.utf8.count)
        #expect(article.contentHash.count == 16)
        #expect(article.contentHash.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        let changed = try parseArticle(text + " ")
        #expect(changed.contentHash != article.contentHash)
    }
}
