/// The marker that starts a list item: a bullet symbol or a number.
struct ListMarker: Hashable {
    /// Items of one family form one list; `1.` and `1)` are the same family.
    enum Family: Hashable {
        case bullet(Character)
        case numbered
    }

    /// Bullets an article may use; ASCII ones need a space after them (`-5` is not an item).
    static let bullets: Set<Character> = [
        "-", "*", "+", "•", "◦", "▪", "‣", "●", "○", "■", "✔", "✓", "✅", "➤", "►", "▶", "–", "·",
    ]

    let family: Family
    /// Where the item's text begins (after the marker and its spaces), as a file offset.
    let bodyStart: Int
    /// The item's text without the marker.
    let body: String

    /// Recognizes `- text`, `• text`, `✔ text`, `1. text`, `12) text` at the start of `text`.
    init?(text: String, at offset: Int) {
        guard let first = text.first else { return nil }
        var markerEnd: String.Index
        if ListMarker.bullets.contains(first) {
            family = .bullet(first)
            markerEnd = text.index(after: text.startIndex)
        } else if first.isASCII, first.isNumber {
            let digits = text.prefix(while: { $0.isASCII && $0.isNumber })
            guard digits.count <= 3, digits.endIndex < text.endIndex,
                text[digits.endIndex] == "." || text[digits.endIndex] == ")"
            else { return nil }
            family = .numbered
            markerEnd = text.index(after: digits.endIndex)
        } else {
            return nil
        }
        let rest = text[markerEnd...]
        let spaced = rest.first?.isWhitespace ?? false
        let needsSpace = first.isASCII || first == "–"
        guard spaced || (!needsSpace && !rest.isEmpty) else { return nil }
        let body = rest.drop(while: { $0.isWhitespace })
        guard !body.isEmpty else { return nil }
        self.bodyStart = offset + text.utf8.count - body.utf8.count
        self.body = String(body)
    }
}

/// One physical line of an article and what its shape says about it.
struct Line {
    /// 0-based index among the file's lines.
    let index: Int
    /// The line's content with surrounding whitespace trimmed (empty for a blank line).
    let content: Range<Int>
    /// Leading whitespace in bytes.
    let indent: Int
    /// The trimmed text.
    let text: String
    let marker: ListMarker?
    /// A line with no content of its own: no letters or digits, or web-page chrome. Stored:
    /// the layout asks it of every line several times.
    let isBoilerplate: Bool
    /// A line of a code block (Markdown fences or indentation, HTML `<pre>`).
    let isCode: Bool
    /// Link targets the markup gave the line (`[text](url)`), not in its text.
    let links: [String]

    init(index: Int, range: Range<Int>, in source: SourceText, isCode: Bool = false, links: [String] = []) {
        self.isCode = isCode
        self.links = links
        self.index = index
        content = source.trimmed(range)
        indent = content.lowerBound - range.lowerBound
        text = source.string(content)
        marker = ListMarker(text: text, at: content.lowerBound)
        isBoilerplate =
            !text.isEmpty
            && (!TextShape.hasAlphanumeric(text) || Boilerplate.matches(marker?.body ?? text))
    }

    var isBlank: Bool { text.isEmpty }

    /// Text without its list marker or Markdown `#`s: what a heading made of it would say.
    var headingText: String {
        if let heading = markdownHeading { return heading }
        return marker?.body ?? text
    }

    /// Where `headingText` is in the file: the content without `#`s or a list marker.
    var headingRange: Range<Int> {
        let heading = Array(headingText.utf8)
        let bytes = Array(text.utf8)
        guard !heading.isEmpty, heading.count <= bytes.count else { return content }
        for offset in 0...(bytes.count - heading.count)
        where bytes[offset..<(offset + heading.count)].elementsEqual(heading) {
            let start = content.lowerBound + offset
            return start..<(start + heading.count)
        }
        return content
    }

    /// The text of a Markdown ATX heading (`## Title`), if this line is one.
    var markdownHeading: String? {
        let hashes = text.prefix(while: { $0 == "#" })
        guard (1...6).contains(hashes.count) else { return nil }
        let rest = text[hashes.endIndex...]
        guard rest.first?.isWhitespace ?? false else { return nil }
        let title = rest.trimmingHashes()
        return TextShape.hasAlphanumeric(title) ? title : nil
    }

    /// True for a line that could be a row of a `|` table.
    var isTableRow: Bool { text.contains("|") }

    /// A Markdown-style delimiter row such as `---|---|` or `| :-- | --: |`.
    var isTableDelimiter: Bool {
        text.contains("|") && text.contains("-")
            && text.allSatisfy { "|-: \t".contains($0) }
    }

    /// The number of `|` characters on the line.
    var pipeCount: Int { text.reduce(0) { $1 == "|" ? $0 + 1 : $0 } }
}

extension Substring {
    /// Removes an optional closing run of `#`s (`## Title ##`, not the `#` of `C#`).
    fileprivate func trimmingHashes() -> String {
        var text = self.drop(while: { $0.isWhitespace })
        while let last = text.last, last.isWhitespace { text.removeLast() }
        let closing = text.reversed().prefix(while: { $0 == "#" }).count
        let before = text.dropLast(closing)
        if closing > 0, before.last?.isWhitespace ?? true { text = before }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
