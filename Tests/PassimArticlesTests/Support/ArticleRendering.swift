import PassimArticles

/// The golden-file form of a parsed article: metadata, then each passage with its kind,
/// section, line:column span and byte range, and its exact text indented by four spaces.
enum ArticleRendering {
    static func render(_ article: Article) -> String {
        var out = "id: \(article.id)\n"
        out += "title\(article.titleIsDerived ? " (derived)" : ""): \(article.title)\n"
        out += "bytes: \(article.byteCount), hash: \(article.contentHash)\n"
        out += "sources: \(article.sources.count)\n"
        for url in article.sources { out += "  \(url)\n" }
        out += "acronyms: \(article.acronyms.count)\n"
        for acronym in article.acronyms { out += "  \(acronym.short) = \(acronym.long)\n" }
        for passage in article.passages {
            out += "\n" + header(passage) + "\n"
            out += indented(passage.text) + "\n"
        }
        return out
    }

    /// `[3] list · section: Understanding Acne Scars · 4:1-7:68 · bytes 812..<1190`
    static func header(_ passage: Passage) -> String {
        let place = passage.location
        let section = passage.section.map { "section: \($0)" } ?? "no section"
        return "[\(passage.ordinal)] \(passage.kind.rawValue) · \(section) · "
            + "\(place.startLine):\(place.startColumn)-\(place.endLine):\(place.endColumn) · "
            + "bytes \(place.byteStart)..<\(place.byteEnd)"
    }

    /// Four spaces before each non-empty line; carriage returns and tabs made visible.
    static func indented(_ text: String) -> String {
        // Split on the scalar: in a Swift String "\r\n" is one Character, not "\r" + "\n".
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let visible = String(String.UnicodeScalarView(line))
                .replacing("\r", with: "\\r").replacing("\t", with: "\\t")
            return visible.isEmpty ? "" : "    " + visible
        }.joined(separator: "\n")
    }
}
