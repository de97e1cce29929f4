/// The clean text a markup article is read as, built piece by piece with the ``SourceMap``
/// back to the file, and what the markup said that the text cannot: which lines are code and
/// which links each line carries.
struct RenderedText {
    /// The article file as read.
    let file: SourceText
    private(set) var bytes: [UInt8] = []
    private(set) var pieces: [SourceMap.Piece] = []
    /// Indexes of rendered lines that are code (fenced or indented blocks).
    private(set) var codeLines: Set<Int> = []
    /// Link targets by rendered line (`[text](url)`, `href`): a sources section's links.
    private(set) var links: [Int: [String]] = [:]
    /// The title the markup declares (front matter, `<title>`), if any.
    var declaredTitle: String?
    /// Sources the markup declares outside the text (a page's canonical URL).
    var declaredSources: [String] = []
    /// Headings are marked as such (`#` lines): no other line is read as one by its shape.
    var headingsAreMarked = false

    init(file: SourceText) {
        self.file = file
    }

    var map: SourceMap { SourceMap(pieces: pieces) }

    /// Whether nothing has been written on the current line yet.
    var atLineStart: Bool { bytes.last == nil || bytes.last == UInt8(ascii: "\n") }

    /// The index of the line being written.
    private(set) var currentLine = 0

    /// Appends the file's bytes in `range` as they are.
    mutating func appendVerbatim(_ range: Range<Int>) {
        var start = range.lowerBound
        while start < range.upperBound {
            // One piece per line, so a column inside a piece is its start's column plus the offset.
            var end = start
            while end < range.upperBound, file.bytes[end] != UInt8(ascii: "\n") { end += 1 }
            if end < range.upperBound { end += 1 }
            appendPiece(Array(file.bytes[start..<end]), for: start..<end, verbatim: true)
            start = end
        }
    }

    /// Appends `text` standing for the file's bytes in `range` (a decoded entity, a space for
    /// markup that separated words).
    mutating func append(_ text: String, for range: Range<Int>) {
        appendPiece(Array(text.utf8), for: range, verbatim: false)
    }

    /// Appends `text` that stands for nothing in the file, placed at file offset `offset`.
    mutating func appendSynthetic(_ text: String, at offset: Int) {
        appendPiece(Array(text.utf8), for: offset..<offset, verbatim: false)
    }

    /// Ends the current line (a synthetic line break) unless it is empty.
    mutating func endLine(at offset: Int) {
        guard let last = bytes.last, last != UInt8(ascii: "\n") else { return }
        appendSynthetic("\n", at: offset)
    }

    /// Ends the current line and adds a blank one, so what follows is a block of its own.
    mutating func endBlock(at offset: Int) {
        endLine(at: offset)
        if bytes.count >= 2, bytes[bytes.count - 2] == UInt8(ascii: "\n") { return }
        if !bytes.isEmpty { appendSynthetic("\n", at: offset) }
    }

    mutating func markCode() {
        codeLines.insert(currentLine)
    }

    mutating func addLink(_ url: String) {
        links[currentLine, default: []].append(url)
    }

    private mutating func appendPiece(_ text: [UInt8], for range: Range<Int>, verbatim: Bool) {
        guard !text.isEmpty else { return }
        let location = file.location(range)
        if verbatim, let last = pieces.last, last.verbatim, last.location.byteEnd == range.lowerBound,
            last.location.endLine == location.startLine, bytes.last != UInt8(ascii: "\n")
        {
            pieces[pieces.count - 1].location.byteEnd = location.byteEnd
            pieces[pieces.count - 1].location.endColumn = location.endColumn
            pieces[pieces.count - 1].location.endLine = location.endLine
        } else {
            pieces.append(SourceMap.Piece(textStart: bytes.count, location: location, verbatim: verbatim))
        }
        bytes += text
        currentLine += text.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }
}
