import PassimProtocol

/// The short line a picker shows for a passage: `§ Heading — snippet…`, the snippet starting a
/// few words before the first matched word, on one line.
enum SymbolName {
    /// Characters of the snippet, and of context before the first match.
    static let snippetLength = 72
    static let leadIn = 24
    static let headingLength = 40

    static func make(for hit: SearchHit) -> String {
        let snippet = Self.snippet(hit.passage.text, from: hit.highlights.first?.start ?? 0)
        let stale = hit.stale == true ? "[changed] " : ""
        guard let section = hit.passage.section.map(oneLine), !section.isEmpty else { return stale + snippet }
        return stale + "§ " + cut(section, to: headingLength) + " — " + snippet
    }

    /// `text` from a word boundary shortly before UTF-8 offset `start`, cut to a length.
    static func snippet(_ text: String, from start: Int) -> String {
        let bytes = text.utf8
        let match = bytes.index(bytes.startIndex, offsetBy: min(max(start, 0), bytes.count))
        let matchIndex = match.samePosition(in: text) ?? text.startIndex
        var begin = text.index(matchIndex, offsetBy: -leadIn, limitedBy: text.startIndex) ?? text.startIndex
        // Back to the start of a word, so the snippet does not open in the middle of one.
        if begin > text.startIndex, let space = text[begin..<matchIndex].firstIndex(where: \.isWhitespace) {
            begin = text.index(after: space)
        }
        let body = cut(oneLine(String(text[begin...])), to: snippetLength)
        return begin > text.startIndex ? "…" + body : body
    }

    /// `text` with every run of white space or control characters as one space, trimmed.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { character in
            character.isWhitespace || character.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control }
        })
        .joined(separator: " ")
    }

    private static func cut(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
