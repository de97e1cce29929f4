/// An article written in two versions whose passages each carry the version's marker word, so a
/// search can tell which version (or, wrongly, a mix) it sees.
enum VersionedArticle {
    static let name = "zz_versioned.txt"
    static let id = "zz_versioned"

    /// Version `marker` with `paragraphs` paragraphs long enough to be passages of their own.
    static func text(marker: String, paragraphs: Int) -> String {
        var text = "A versioned article for daemon tests\n\n"
        for index in 1...paragraphs {
            text +=
                "Paragraph \(index) carries the \(marker) word in a sentence about wound healing, "
                + "collagen remodelling and the slow work of fibroblasts under the skin surface. "
                + "It goes on with a second sentence about \(marker) so that each paragraph is long "
                + "enough to stand alone as a passage of its own in the index.\n\n"
        }
        return text
    }
}
