import PassimArticles
import Testing

/// One row of a structure table: an article text and the passages it must split into.
struct StructureCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: String
    /// Each expected passage as `kind | section | text` (section `-` when none).
    let passages: [String]
    var testDescription: String { name }

    init(_ name: String, _ input: String, _ passages: [String]) {
        self.name = name
        self.input = input
        self.passages = passages
    }
}

/// A lead paragraph long enough to be a passage and too long to be a title, so that the first
/// line of a case's own text is not taken as the article's title.
let lead = "This opening paragraph has enough words to stand as a passage on its own."
let leadPassage = "paragraph | - | " + lead

/// Parses text as an article file `case.txt`.
func parseArticle(_ text: String, limits: PassageLimits = PassageLimits()) throws -> Article {
    try ArticleParser(limits: limits).parse(Array(text.utf8), id: "case", path: "case.txt")
}

/// `kind | section | text` for each passage.
func summaries(_ article: Article) -> [String] {
    article.passages.map { "\($0.kind.rawValue) | \($0.section ?? "-") | \($0.text)" }
}

/// A sentence of exactly `words` words, numbered so every sentence differs.
func sentence(_ number: Int, words: Int) -> String {
    let body = (1..<words).map { "word\($0)" }.joined(separator: " ")
    return "Sentence\(number) \(body)."
}
