/// Reads a saved web page as the article it holds: clean text with a map back to the page.
///
/// The article, not the page: the content root is the `<article>` with the most text, else
/// `<main>`, else `<body>`; navigation, page headers and footers, asides, scripts, styles,
/// forms, and cookie, share, comment and newsletter boxes (by element, ARIA role, or class and
/// id words) are left out. Headings become sections; paragraphs, list items (one `- ` line
/// each), table rows (`|` cells) and `<pre>` code become the same blocks a text article has.
/// The title is the content's first `<h1>`, else `og:title`, else `<title>`; the canonical URL
/// (`<link rel=canonical>`, `og:url`) is the first source, and the links of a trailing
/// sources section are the others.
struct HTMLRenderer {
    private let page: PageEncoding
    private var out: RenderedText
    /// A space owed before the next word (white space or `<br>` between words).
    private var pendingSpace: Range<Int>?
    private var preformatted = 0
    private var tableCell = 0
    private var titleElement: HTMLElement?

    private init(file: SourceText, page: PageEncoding) {
        self.page = page
        out = RenderedText(file: file)
    }

    static func render(_ file: SourceText, path: String) throws(ArticleError) -> RenderedText {
        let page = try PageEncoding.decode(file.bytes, path: path)
        let document = HTMLPage.parse(page.utf8)
        var renderer = HTMLRenderer(file: file, page: page)
        renderer.render(document)
        return renderer.out
    }

    // MARK: Page

    private mutating func render(_ document: HTMLElement) {
        let all = document.descendants()
        let root = Self.contentRoot(all) ?? document
        let meta = Self.metadata(all)
        out.declaredSources = meta.canonical.map { [$0] } ?? []
        out.headingsAreMarked = true
        if let heading = Self.titleHeading(root: root, declared: meta.title?.text) {
            titleElement = heading
            out.appendSynthetic("# ", at: fileOffset(heading.offset))
            inline(heading)
            endBlock(at: heading.offset)
        } else if let title = meta.title {
            out.declaredTitle = title.text
            out.appendSynthetic("# ", at: fileOffset(title.offset))
            if let element = title.element, element.plainText == title.text {
                inline(element)
            } else {
                out.appendSynthetic(title.text, at: fileOffset(title.offset))
            }
            endBlock(at: title.offset)
        }
        block(root)
    }

    /// The heading that is the article's title: the first `<h1>` of an `<article>` or `<main>`;
    /// else the heading that says what the page declares (`og:title`, or `<title>` without a
    /// site name after ` | ` or ` – `); else the page's first `<h1>`.
    private static func titleHeading(root: HTMLElement, declared: String?) -> HTMLElement? {
        let headings = root.descendants().filter { ["h1", "h2", "h3"].contains($0.name) && !$0.plainText.isEmpty }
        if root.name != "body", root.name != "#document", let h1 = headings.first(where: { $0.name == "h1" }) {
            return h1
        }
        if let declared {
            let wanted = [declared, withoutSiteName(declared)].map { $0.lowercased() }
            if let match = headings.first(where: { wanted.contains($0.plainText.lowercased()) }) { return match }
        }
        return headings.first { $0.name == "h1" }
    }

    /// `Article title | Site` without ` | Site` (also ` – `, ` — `, ` - `, ` :: `).
    static func withoutSiteName(_ title: String) -> String {
        let bytes = Array(title.utf8)
        for separator in [" | ", " – ", " — ", " :: ", " - "].map({ Array($0.utf8) })
        where bytes.count > separator.count {
            for start in stride(from: bytes.count - separator.count, to: 0, by: -1)
            where bytes[start..<(start + separator.count)].elementsEqual(separator) {
                return String(decoding: bytes[..<start], as: UTF8.self)
            }
        }
        return title
    }

    /// The element holding the article: the `<article>` with the most text, else `<main>`.
    private static func contentRoot(_ all: [HTMLElement]) -> HTMLElement? {
        // Each article's text is gathered once, not again at every comparison.
        let articles = all.filter { $0.name == "article" && !isChrome($0) }.map { ($0, $0.plainText.utf8.count) }
        if let best = articles.max(by: { $0.1 < $1.1 }) { return best.0 }
        return all.first { $0.name == "main" || $0.attributes["role"] == "main" }
            ?? all.first { $0.name == "body" }
    }

    private struct Metadata {
        var title: (text: String, element: HTMLElement?, offset: Int)?
        var canonical: String?
    }

    private static func metadata(_ all: [HTMLElement]) -> Metadata {
        var meta = Metadata()
        var ogTitle: (String, Int)?
        var ogURL: String?
        var titleElement: HTMLElement?
        for element in all {
            switch element.name {
            case "title" where titleElement == nil: titleElement = element
            case "meta":
                let property = (element.attributes["property"] ?? element.attributes["name"])?.lowercased()
                if property == "og:title", let content = element.attributes["content"], !content.isEmpty {
                    ogTitle = (content, element.offset)
                }
                if property == "og:url", let content = element.attributes["content"] { ogURL = content }
            case "link" where element.attributes["rel"]?.lowercased() == "canonical":
                meta.canonical = element.attributes["href"]
            default: break
            }
        }
        if meta.canonical == nil { meta.canonical = ogURL }
        if let (text, offset) = ogTitle {
            meta.title = (text, nil, offset)
        } else if let element = titleElement, !element.plainText.isEmpty {
            meta.title = (withoutSiteName(element.plainText), element, element.offset)
        }
        if let canonical = meta.canonical, !TextShape.isWebLink(canonical) { meta.canonical = nil }
        return meta
    }

    // MARK: Blocks

    static let skipped: Set<String> = [
        "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "nav", "aside", "form",
        "button", "select", "textarea", "input", "dialog", "canvas", "object", "embed", "video", "audio",
        "picture", "map",
    ]
    static let chromeRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search", "menu",
    ]
    static let chromeWords: Set<String> = [
        "cookie", "cookies", "consent", "gdpr", "share", "sharing", "social", "newsletter", "subscribe",
        "subscription", "related", "comment", "comments", "advert", "advertisement", "ad", "ads", "sidebar",
        "breadcrumb", "breadcrumbs", "navbar", "menu", "popup", "modal", "promo", "sponsored", "disqus",
        "masthead", "header", "footer", "byline", "meta", "dateline", "toolbar", "topbar", "pagination",
    ]
    static let blocks: Set<String> = [
        "p", "div", "section", "article", "main", "header", "footer", "address", "blockquote", "figure",
        "figcaption", "dl", "dt", "dd", "details", "summary", "center", "body", "html", "li", "ul", "ol",
        "table", "tr", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "caption",
    ]

    /// Page furniture: left out with everything in it.
    static func isChrome(_ element: HTMLElement) -> Bool {
        if skipped.contains(element.name) { return true }
        if element.attributes["hidden"] != nil || element.attributes["aria-hidden"] == "true" { return true }
        if let role = element.attributes["role"]?.lowercased(), chromeRoles.contains(role) { return true }
        return element.classWords.contains { chromeWords.contains(String($0)) }
    }

    private mutating func block(_ element: HTMLElement) {
        for child in element.children {
            switch child {
            case .text(let text): self.text(text)
            case .element(let child): node(child)
            }
        }
    }

    private mutating func node(_ element: HTMLElement) {
        if Self.isChrome(element) || element === titleElement { return }
        // A page header or footer outside the article is chrome; inside it, the byline stays.
        if element.name == "header" || element.name == "footer", element.classWords.isEmpty,
            element.descendants().allSatisfy({ $0.name != "h1" && $0.name != "p" })
        {
            return
        }
        switch element.name {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            endBlock(at: element.offset)
            out.appendSynthetic("## ", at: fileOffset(element.offset))
            inline(element)
            endBlock(at: element.offset)
        case "li":
            line(element, marker: "- ")
        case "tr":
            line(element, marker: "|")
        case "ul", "ol", "table":
            ownBlock(element)
        case "td", "th":
            tableCell += 1
            pendingSpace = element.offset..<element.offset
            block(element)
            pendingSpace = nil
            out.appendSynthetic(" |", at: fileOffset(element.offset))
            tableCell -= 1
        case "pre":
            endBlock(at: element.offset)
            preformatted += 1
            block(element)
            preformatted -= 1
            endBlock(at: element.offset)
        case "br":
            if preformatted > 0 {
                endLine(at: element.offset)
            } else {
                pendingSpace = element.offset..<element.offset
            }
        case "img":
            break
        case "a":
            if let href = element.attributes["href"], TextShape.isWebLink(href) { out.addLink(href) }
            block(element)
        default:
            if Self.blocks.contains(element.name), tableCell == 0 {
                ownBlock(element)
            } else {
                block(element)
            }
        }
    }

    /// An element as a block of its own, set apart from what comes before and after.
    private mutating func ownBlock(_ element: HTMLElement) {
        endBlock(at: element.offset)
        block(element)
        endBlock(at: element.offset)
    }

    /// An element as one line that starts with `marker` (a list item, a table row).
    private mutating func line(_ element: HTMLElement, marker: String) {
        endLine(at: element.offset)
        out.appendSynthetic(marker, at: fileOffset(element.offset))
        block(element)
        endLine(at: element.offset)
    }

    private mutating func inline(_ element: HTMLElement) {
        for child in element.children {
            switch child {
            case .text(let text): self.text(text)
            case .element(let child):
                if Self.isChrome(child) { continue }
                if child.name == "a", let href = child.attributes["href"], TextShape.isWebLink(href) {
                    out.addLink(href)
                }
                inline(child)
            }
        }
    }

    private mutating func endLine(at offset: Int) {
        pendingSpace = nil
        out.endLine(at: fileOffset(offset))
    }

    private mutating func endBlock(at offset: Int) {
        pendingSpace = nil
        out.endBlock(at: fileOffset(offset))
    }

    // MARK: Text

    /// Appends a text node: white space collapsed to one space between words, except in
    /// `<pre>`, where lines stay lines and are marked as code.
    private mutating func text(_ text: HTMLText) {
        let pieces = align(text)
        var index = 0
        let bytes = text.bytes
        while index < bytes.count {
            let isSpace = Self.isSpace(bytes[index])
            var end = index + 1
            while end < bytes.count, Self.isSpace(bytes[end]) == isSpace,
                !(preformatted > 0 && (bytes[end - 1] == UInt8(ascii: "\n") || bytes[end] == UInt8(ascii: "\n")))
            {
                end += 1
            }
            if preformatted > 0 {
                if bytes[index] == UInt8(ascii: "\n") {
                    out.endLine(at: fileOffset(rawStart(index, pieces)))
                } else if !(isSpace && out.atLineStart) {
                    if out.atLineStart { out.markCode() }
                    emit(index..<end, of: bytes, pieces)
                }
            } else if isSpace {
                if !out.atLineStart { pendingSpace = pendingSpace ?? rawRange(index..<end, pieces) }
            } else {
                if let space = pendingSpace {
                    if !out.atLineStart { out.append(" ", for: fileRange(space)) }
                    pendingSpace = nil
                }
                emit(index..<end, of: bytes, pieces)
            }
            index = end
        }
    }

    /// One part of a text node: a run of its bytes and where they are in the page.
    private struct Piece {
        var text: Range<Int>
        var raw: Range<Int>
        /// The text is the page's bytes in `raw`.
        var verbatim: Bool
    }

    /// Matches a text node's decoded bytes to the page bytes, from the end (the text ends
    /// where the parser stopped; a comment or tag may come before it): the longest suffix that
    /// is the page's bytes as they are, then a `\r\n` read as `\n`, and what is left (an
    /// entity, a character reference) stands for the rest of the range.
    private func align(_ text: HTMLText) -> [Piece] {
        let raw = page.utf8
        let floor = text.range.lowerBound
        var pieces: [Piece] = []
        var textEnd = text.bytes.count
        var rawEnd = min(text.range.upperBound, raw.count)
        while textEnd > 0 {
            var t = textEnd
            var r = rawEnd
            while t > 0, r > floor, raw[r - 1] == text.bytes[t - 1] {
                t -= 1
                r -= 1
            }
            if t < textEnd { pieces.append(Piece(text: t..<textEnd, raw: r..<rawEnd, verbatim: true)) }
            textEnd = t
            rawEnd = r
            guard textEnd > 0 else { break }
            if text.bytes[textEnd - 1] == 0x0A, r > floor, raw[r - 1] == 0x0D {
                // A carriage return (alone or before a line feed already matched) read as `\n`.
                pieces.append(Piece(text: (textEnd - 1)..<textEnd, raw: (r - 1)..<r, verbatim: false))
                textEnd -= 1
                rawEnd -= 1
                continue
            }
            pieces.append(Piece(text: 0..<textEnd, raw: floor..<rawEnd, verbatim: false))
            textEnd = 0
        }
        return pieces.reversed()
    }

    /// Appends the bytes `range` of a node's text, located through its pieces.
    private mutating func emit(_ range: Range<Int>, of bytes: [UInt8], _ pieces: [Piece]) {
        for piece in pieces where piece.text.overlaps(range) {
            let part = max(piece.text.lowerBound, range.lowerBound)..<min(piece.text.upperBound, range.upperBound)
            if piece.verbatim {
                let shift = piece.raw.lowerBound - piece.text.lowerBound
                let raw = (part.lowerBound + shift)..<(part.upperBound + shift)
                if page.origins == nil {
                    out.appendVerbatim(raw)
                } else {
                    emitTranscoded(raw)
                }
            } else {
                out.append(String(decoding: bytes[part], as: UTF8.self), for: fileRange(piece.raw))
            }
        }
    }

    /// A transcoded page's UTF-8 bytes, one character at a time, each standing for its bytes
    /// in the file.
    private mutating func emitTranscoded(_ raw: Range<Int>) {
        var index = raw.lowerBound
        while index < raw.upperBound {
            var end = index + 1
            while end < raw.upperBound, page.utf8[end] & 0xC0 == 0x80 { end += 1 }
            out.append(String(decoding: page.utf8[index..<end], as: UTF8.self), for: page.fileRange(index..<end))
            index = end
        }
    }

    private func rawRange(_ range: Range<Int>, _ pieces: [Piece]) -> Range<Int> {
        rawStart(range.lowerBound, pieces)..<rawEnd(range.upperBound, pieces)
    }

    private func rawStart(_ offset: Int, _ pieces: [Piece]) -> Int {
        guard let piece = pieces.first(where: { $0.text.contains(offset) }) else {
            return pieces.last?.raw.upperBound ?? 0
        }
        return piece.verbatim ? piece.raw.lowerBound + offset - piece.text.lowerBound : piece.raw.lowerBound
    }

    private func rawEnd(_ offset: Int, _ pieces: [Piece]) -> Int {
        guard offset > 0, let piece = pieces.first(where: { $0.text.contains(offset - 1) }) else {
            return pieces.first?.raw.lowerBound ?? 0
        }
        return piece.verbatim ? piece.raw.lowerBound + offset - piece.text.lowerBound : piece.raw.upperBound
    }

    private func fileOffset(_ offset: Int) -> Int {
        page.fileRange(min(offset, page.utf8.count)..<min(offset, page.utf8.count)).lowerBound
    }

    private func fileRange(_ range: Range<Int>) -> Range<Int> {
        let clamped = min(range.lowerBound, page.utf8.count)..<min(range.upperBound, page.utf8.count)
        return page.fileRange(clamped)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}
