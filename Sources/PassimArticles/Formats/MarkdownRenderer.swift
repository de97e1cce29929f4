/// Reads a Markdown article as clean text with a map back to the file.
///
/// Kept: the line structure, ATX headings, list markers and table pipes, which the text
/// layout reads as it does in a plain-text article. Rewritten: front matter (its `title` is
/// the title line; other keys are not text), Setext and `**bold**` heading lines (as ATX
/// headings), fenced and indented code (their own blocks, marked as code). Dropped, with
/// every remaining word still at its exact place in the file: emphasis and code markers,
/// link syntax (the link text stays; the target is kept as the line's link), inline HTML tags,
/// backslash escapes, block quote markers, and link definitions (a trailing run of them is
/// read as a list of bare links, so it becomes the article's sources).
///
/// No Markdown library in reach reports the byte span of each piece of text, which exact
/// highlights need, so this is a line reader written for that, not a full CommonMark parser.
struct MarkdownRenderer {
    private let file: SourceText
    private let lines: [Range<Int>]
    private var out: RenderedText

    private init(file: SourceText) {
        self.file = file
        lines = file.lineRanges()
        out = RenderedText(file: file)
    }

    static func render(_ file: SourceText) -> RenderedText {
        var renderer = MarkdownRenderer(file: file)
        renderer.renderAll()
        return renderer.out
    }

    private var bytes: [UInt8] { file.bytes }

    private mutating func renderAll() {
        var index = frontMatter()
        let trailingDefinitions = firstTrailingDefinition()
        while index < lines.count {
            let line = lines[index]
            let content = file.trimmed(line)
            let indent = content.lowerBound - line.lowerBound
            if content.isEmpty {
                out.endBlock(at: line.lowerBound)
                index += 1
            } else if indent <= 3, let fence = Self.fence(bytes[content]) {
                index = code(from: index + 1, until: fence, indent: indent)
            } else if indent >= 4, index > 0, isIndentedCodeStart(index) {
                index = indentedCode(from: index)
            } else if index + 1 < lines.count, isSetextUnderline(index + 1), isSetextText(index) {
                heading(content)
                index += 2
            } else if let inner = Self.boldLine(bytes[content], content),
                TextShape.isHeadingShaped(file.string(inner))
            {
                heading(inner)
                index += 1
            } else if let url = Self.definitionURL(bytes[content], content) {
                if index >= trailingDefinitions {
                    out.appendVerbatim(url)
                    out.endLine(at: line.upperBound)
                }
                index += 1
            } else if Self.isComment(bytes[content]) {
                index += 1
            } else {
                body(content)
                out.endLine(at: line.upperBound)
                index += 1
            }
        }
    }

    // MARK: Blocks

    /// Skips `---` front matter, making its `title` the title line; the first body line.
    private mutating func frontMatter() -> Int {
        guard let first = lines.first, file.string(file.trimmed(first)) == "---" else { return 0 }
        for end in 1..<min(lines.count, 200) {
            let text = file.string(file.trimmed(lines[end]))
            guard text == "---" || text == "..." else { continue }
            for line in lines[1..<end] {
                let content = file.trimmed(line)
                let text = file.string(content)
                guard text.hasPrefix("title:") else { continue }
                var value = file.trimmed((content.lowerBound + 6)..<content.upperBound)
                if value.count >= 2, let quote = bytes[value].first,
                    quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
                    bytes[value.upperBound - 1] == quote
                {
                    value = (value.lowerBound + 1)..<(value.upperBound - 1)
                }
                guard !value.isEmpty else { continue }
                out.declaredTitle = file.string(value)
                out.appendSynthetic("# ", at: value.lowerBound)
                out.appendVerbatim(value)
                out.endBlock(at: value.upperBound)
            }
            return end + 1
        }
        return 0
    }

    /// A fence's character and length (three or more backticks or tildes).
    private static func fence(_ text: ArraySlice<UInt8>) -> (UInt8, Int)? {
        guard let first = text.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") else { return nil }
        let count = text.prefix(while: { $0 == first }).count
        return count >= 3 ? (first, count) : nil
    }

    /// The lines of a fenced block from `start` to its closing fence, as one code block.
    private mutating func code(from start: Int, until fence: (UInt8, Int), indent: Int) -> Int {
        out.endBlock(at: lines[start - 1].upperBound)
        var index = start
        while index < lines.count {
            let content = file.trimmed(lines[index])
            if let closing = Self.fence(bytes[content]), closing.0 == fence.0, closing.1 >= fence.1,
                bytes[content].allSatisfy({ $0 == fence.0 })
            {
                index += 1
                break
            }
            codeLine(lines[index], indent: indent)
            index += 1
        }
        out.endBlock(at: lines[index - 1].upperBound)
        return index
    }

    /// Whether the indented line `index` starts a code block: after a blank line, and not
    /// the continuation of a list item.
    private func isIndentedCodeStart(_ index: Int) -> Bool {
        guard file.trimmed(lines[index - 1]).isEmpty else { return false }
        var previous = index - 1
        while previous >= 0, file.trimmed(lines[previous]).isEmpty { previous -= 1 }
        guard previous >= 0 else { return true }
        let content = file.trimmed(lines[previous])
        let indent = content.lowerBound - lines[previous].lowerBound
        return indent == 0 && ListMarker(text: file.string(content), at: content.lowerBound) == nil
    }

    private mutating func indentedCode(from start: Int) -> Int {
        out.endBlock(at: lines[start].lowerBound)
        var index = start
        while index < lines.count {
            let content = file.trimmed(lines[index])
            if !content.isEmpty, content.lowerBound - lines[index].lowerBound < 4 { break }
            if !content.isEmpty { codeLine(lines[index], indent: 4) }
            index += 1
        }
        out.endBlock(at: lines[index - 1].upperBound)
        return index
    }

    /// A line of code with up to `indent` spaces of the block's own indentation removed, so
    /// the code keeps its shape.
    private mutating func codeLine(_ line: Range<Int>, indent: Int) {
        guard !file.trimmed(line).isEmpty else { return }
        var start = line.lowerBound
        while start < line.upperBound, start - line.lowerBound < indent, bytes[start] == UInt8(ascii: " ") {
            start += 1
        }
        out.markCode()
        out.appendVerbatim(start..<line.upperBound)
        out.endLine(at: line.upperBound)
    }

    /// Whether line `index` is a Setext underline (`===` or `---`, two or more).
    private func isSetextUnderline(_ index: Int) -> Bool {
        let content = file.trimmed(lines[index])
        guard content.count >= 2, let first = bytes[content].first else { return false }
        return (first == UInt8(ascii: "=") || first == UInt8(ascii: "-")) && bytes[content].allSatisfy { $0 == first }
    }

    /// Whether line `index` can be a Setext heading's text: one line of text on its own.
    private func isSetextText(_ index: Int) -> Bool {
        let content = file.trimmed(lines[index])
        guard !content.isEmpty, index == 0 || file.trimmed(lines[index - 1]).isEmpty else { return false }
        let text = file.string(content)
        return ListMarker(text: text, at: content.lowerBound) == nil && !text.hasPrefix("#") && !text.contains("|")
    }

    private mutating func heading(_ content: Range<Int>) {
        out.endBlock(at: content.lowerBound)
        out.appendSynthetic("## ", at: content.lowerBound)
        inline(content)
        out.endBlock(at: content.upperBound)
    }

    /// The inside of a line that is all `**bold**` or `__bold__`.
    private static func boldLine(_ text: ArraySlice<UInt8>, _ range: Range<Int>) -> Range<Int>? {
        guard text.count > 4 else { return nil }
        let head = Array(text.prefix(2))
        guard head == Array("**".utf8) || head == Array("__".utf8), Array(text.suffix(2)) == head else { return nil }
        let inner = (range.lowerBound + 2)..<(range.upperBound - 2)
        return text.dropFirst(2).dropLast(2).contains(head[0]) ? nil : inner
    }

    /// The URL of a link definition line (`[id]: https://example.com "Title"`).
    private static func definitionURL(_ text: ArraySlice<UInt8>, _ range: Range<Int>) -> Range<Int>? {
        guard text.first == UInt8(ascii: "["), let close = text.firstIndex(of: UInt8(ascii: "]")),
            close + 1 < text.endIndex, text[close + 1] == UInt8(ascii: ":"), close > text.startIndex + 1
        else { return nil }
        var start = close + 2
        while start < text.endIndex, text[start] == UInt8(ascii: " ") || text[start] == UInt8(ascii: "\t") {
            start += 1
        }
        if start < text.endIndex, text[start] == UInt8(ascii: "<") { start += 1 }
        var end = start
        while end < text.endIndex, text[end] != UInt8(ascii: " "), text[end] != UInt8(ascii: ">") { end += 1 }
        guard end > start else { return nil }
        let offset = range.lowerBound - text.startIndex
        return (start + offset)..<(end + offset)
    }

    /// The first line of the trailing run of link definitions (and blank lines).
    private func firstTrailingDefinition() -> Int {
        var index = lines.count
        while index > 0 {
            let content = file.trimmed(lines[index - 1])
            guard content.isEmpty || Self.definitionURL(bytes[content], content) != nil else { break }
            index -= 1
        }
        return index
    }

    private static func isComment(_ text: ArraySlice<UInt8>) -> Bool {
        text.starts(with: "<!--".utf8) && text.reversed().starts(with: ">--".utf8)
    }

    // MARK: Lines

    /// A body line: block quote markers dropped, list marker or heading hashes kept as they
    /// are, the rest read inline.
    private mutating func body(_ content: Range<Int>) {
        var start = content.lowerBound
        while start < content.upperBound, bytes[start] == UInt8(ascii: ">") {
            start += 1
            while start < content.upperBound, bytes[start] == UInt8(ascii: " ") { start += 1 }
        }
        let rest = start..<content.upperBound
        let text = file.string(rest)
        if let marker = ListMarker(text: text, at: rest.lowerBound) {
            out.appendVerbatim(rest.lowerBound..<marker.bodyStart)
            inline(marker.bodyStart..<rest.upperBound)
        } else if text.hasPrefix("#") {
            var hashes = rest.lowerBound
            while hashes < rest.upperBound, bytes[hashes] == UInt8(ascii: "#") || bytes[hashes] == UInt8(ascii: " ") {
                hashes += 1
            }
            out.appendVerbatim(rest.lowerBound..<hashes)
            inline(hashes..<rest.upperBound)
        } else {
            inline(rest)
        }
    }

    /// Text with its inline markup dropped (see the type's description).
    private mutating func inline(_ range: Range<Int>) {
        var inline = InlineMarkdown(bytes: bytes, range: range)
        for token in inline.tokens() {
            switch token {
            case .text(let text): out.appendVerbatim(text)
            case .space(let markup): out.append(" ", for: markup)
            case .link(let url): out.addLink(url)
            }
        }
    }
}
