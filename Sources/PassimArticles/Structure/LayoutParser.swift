/// A structural unit of an article body, as line index ranges.
enum Block: Equatable {
    /// A heading: not a passage; it names the section of what follows.
    case heading(String)
    /// One paragraph: a line, or several when the file hard-wraps its text.
    case paragraph(lines: Range<Int>)
    /// A list; each item is a marker line plus its continuation lines.
    case list(items: [Range<Int>])
    /// A `|` table, delimiter row included.
    case table(lines: Range<Int>)
    /// Lines of code, as the markup marked them.
    case code(lines: Range<Int>)
    /// A boilerplate line: no passage, and passages never merge across it.
    case separator
}

/// The layout of an article: its title line, its body blocks and its trailing sources.
struct ArticleLayout {
    /// The index of the title line, when the first line is a title.
    var titleLine: Int?
    var blocks: [Block]
    var sources: SourcesTail
}

/// Reads the block structure of a plain-text article from the shape of its lines.
///
/// The seed articles were saved from web pages: one paragraph per line (with or without blank
/// lines between), headings as short unpunctuated lines (sometimes with a list marker), lists
/// with `-`, `•`, `✔` or numbers, `|` tables. Hard-wrapped files are handled too: a line that
/// does not end a sentence continues when the next one starts in lower case.
struct LayoutParser {
    let lines: [Line]
    private let bodyEnd: Int
    /// For a line that starts a table, the index just past the table's last row.
    private let tableEnds: [Int: Int]
    /// Only Markdown-style `#` lines are headings (see ``parse(_:headingsAreMarked:)``).
    var headingsAreMarked = false

    init(lines: [Line], sources: SourcesTail) {
        self.lines = lines
        bodyEnd = sources.start
        tableEnds = LayoutParser.findTables(lines[..<sources.start])
    }

    /// The layout of `lines`; with `headingsAreMarked` (a rendered web page) only `#` lines
    /// are headings, never a line by its shape.
    static func parse(_ lines: [Line], headingsAreMarked: Bool = false) -> ArticleLayout {
        let sources = SourcesTail(lines: lines)
        var parser = LayoutParser(lines: lines, sources: sources)
        parser.headingsAreMarked = headingsAreMarked
        let title = parser.titleLine()
        let blocks = parser.blocks(from: (title ?? -1) + 1)
        return ArticleLayout(titleLine: title, blocks: blocks, sources: sources)
    }

    /// The first line is a title when it is short, unpunctuated and followed by body text,
    /// or when it is a Markdown heading (even with nothing after it: a note that is only a
    /// title). A title in lower case ("notes on collagen") needs a blank line after it, so
    /// the start of a hard-wrapped paragraph is not taken for one.
    func titleLine() -> Int? {
        guard let first = nextContent(after: -1), lines[first].marker == nil,
            tableEnds[first] == nil, !lines[first].isCode
        else { return nil }
        let line = lines[first]
        guard let next = nextContent(after: first) else {
            return line.markdownHeading != nil ? first : nil
        }
        let separated = next > first + 1 && lines[first + 1].isBlank
        let shaped =
            line.markdownHeading != nil
            || TextShape.isHeadingShaped(
                line.text, maxWords: 20, maxBytes: 200, allowingLowercase: separated)
        guard shaped, !continues(first, next) else { return nil }
        return first
    }

    func blocks(from start: Int) -> [Block] {
        var blocks: [Block] = []
        var index = start
        while index < bodyEnd {
            let line = lines[index]
            if line.isBlank {
                index += 1
            } else if line.isCode {
                var end = index + 1
                while end < bodyEnd, lines[end].isCode { end += 1 }
                blocks.append(.code(lines: index..<end))
                index = end
            } else if line.isBoilerplate {
                blocks.append(.separator)
                index += 1
            } else if let end = tableEnds[index] {
                blocks.append(.table(lines: index..<end))
                index = end
            } else if let heading = line.markdownHeading {
                blocks.append(.heading(heading))
                index += 1
            } else if isHeading(index) {
                blocks.append(.heading(line.headingText))
                index += 1
            } else if let marker = line.marker {
                let (items, end) = list(from: index, family: marker.family)
                blocks.append(.list(items: items))
                index = end
            } else {
                var end = index + 1
                while continues(end - 1, end) { end += 1 }
                blocks.append(.paragraph(lines: index..<end))
                index = end
            }
        }
        return blocks
    }

    // MARK: Headings

    /// A short line without sentence-final punctuation that is followed by body text.
    ///
    /// With a list marker it must also be isolated ("1. Extraction of Stem Cells" followed by
    /// a paragraph, or "1. Targeted Injections" followed by `•` items).
    func isHeading(_ index: Int) -> Bool {
        let line = lines[index]
        guard !headingsAreMarked, TextShape.isHeadingShaped(line.headingText),
            let next = nextContent(after: index)
        else { return false }
        guard let marker = line.marker else { return !continues(index, next) }
        if continuesItem(index, index, next) { return false }
        let nextMarker = lines[next].marker
        if nextMarker?.family == marker.family, tableEnds[next] == nil { return false }
        // After a lead-in ending in `:`, a lone sentence-case item is a one-item list
        // ("To finish:" / "- apply sunscreen daily"); a Title Case one is still a step heading.
        if nextMarker == nil, !TextShape.isTitleCase(marker.body),
            let previous = previousContent(before: index),
            TextShape.endsWithColon(lines[previous].text)
        {
            return false
        }
        return true
    }

    // MARK: Paragraphs and lists

    /// Whether line `next` continues the paragraph whose last line is `previous`.
    ///
    /// Only adjacent lines continue, and only after a line that does not end a sentence: when
    /// the next line starts in lower case, or when the previous line reads like wrapped prose
    /// (9 words or more, not Title Case) rather than a heading.
    func continues(_ previous: Int, _ next: Int) -> Bool {
        guard next == previous + 1, next < bodyEnd, isPlainText(next) else { return false }
        let before = lines[previous]
        guard before.markdownHeading == nil, !TextShape.endsSentence(before.text) else {
            return false
        }
        if TextShape.startsLowercase(lines[next].text) { return true }
        return TextShape.wordCount(before.text) >= 9 && !TextShape.isTitleCase(before.text)
    }

    /// Whether line `next` continues the list item that starts at `item` and so far ends at
    /// `previous`: it is indented deeper than the marker, or it follows an unfinished sentence
    /// in lower case.
    func continuesItem(_ item: Int, _ previous: Int, _ next: Int) -> Bool {
        guard next == previous + 1, next < bodyEnd, isPlainText(next) else { return false }
        if lines[next].indent > lines[item].indent { return true }
        return !TextShape.endsSentence(lines[previous].text)
            && TextShape.startsLowercase(lines[next].text)
    }

    /// The items of the list starting at `start`. Blank lines may separate items; the list
    /// ends at any other line, or at a marker of another family that is a heading.
    func list(from start: Int, family: ListMarker.Family) -> (items: [Range<Int>], end: Int) {
        var items: [Range<Int>] = []
        var itemStart = start
        while true {
            var last = itemStart
            while continuesItem(itemStart, last, last + 1) { last += 1 }
            items.append(itemStart..<(last + 1))
            var next = last + 1
            while next < bodyEnd, lines[next].isBlank { next += 1 }
            guard next < bodyEnd, let marker = lines[next].marker, !lines[next].isBoilerplate,
                tableEnds[next] == nil,
                marker.family == family || !isHeading(next)
            else { return (items, last + 1) }
            itemStart = next
        }
    }

    // MARK: Tables

    /// Runs of two or more adjacent lines with `|`, with a delimiter row or at least two `|`
    /// on every row (a single `a | b` line in prose is not a table).
    static func findTables(_ lines: ArraySlice<Line>) -> [Int: Int] {
        var ends: [Int: Int] = [:]
        var index = lines.startIndex
        while index < lines.endIndex {
            guard lines[index].isTableRow else {
                index += 1
                continue
            }
            var end = index + 1
            while end < lines.endIndex, lines[end].isTableRow { end += 1 }
            let rows = lines[index..<end]
            if rows.count >= 2,
                rows.contains(where: \.isTableDelimiter) || rows.allSatisfy({ $0.pipeCount >= 2 })
            {
                ends[index] = end
            }
            index = end
        }
        return ends
    }

    // MARK: Navigation

    /// A line that is neither blank, boilerplate, a list item, a Markdown heading nor a table.
    private func isPlainText(_ index: Int) -> Bool {
        let line = lines[index]
        return !line.isBlank && !line.isBoilerplate && line.marker == nil
            && line.markdownHeading == nil && tableEnds[index] == nil && !line.isCode
    }

    /// The next line after `index` in the body with content (not blank, not boilerplate).
    private func nextContent(after index: Int) -> Int? {
        var next = index + 1
        while next < bodyEnd {
            if !lines[next].isBlank && !lines[next].isBoilerplate { return next }
            next += 1
        }
        return nil
    }

    private func previousContent(before index: Int) -> Int? {
        var previous = index - 1
        while previous >= 0 {
            if !lines[previous].isBlank && !lines[previous].isBoilerplate { return previous }
            previous -= 1
        }
        return nil
    }
}
