import PassimAnalysis

/// Parses an article file's bytes into an ``Article``: title, sources, passages, acronyms.
///
/// Passages follow the article's structure (paragraphs, lists with their lead-in, tables);
/// headings name sections; every passage's text is exactly the file's bytes in its range.
/// Not thread safe (it owns an ICU sentence iterator): use one parser per thread.
public final class ArticleParser {
    public let limits: PassageLimits
    private let splitter: SentenceSplitter

    /// Creates a parser with its own ICU sentence splitter.
    public init(limits: PassageLimits = PassageLimits()) throws(AnalysisError) {
        self.limits = limits
        splitter = try SentenceSplitter()
    }

    /// Creates a parser that uses an existing sentence splitter (one per thread).
    public init(sentenceSplitter: SentenceSplitter, limits: PassageLimits = PassageLimits()) {
        self.limits = limits
        splitter = sentenceSplitter
    }

    /// Parses a file read by ``ArticleReader``.
    public func parse(_ file: SourceFile) throws(ArticleError) -> Article {
        var article = try parse(file.bytes, id: file.id, path: file.path)
        article.modified = file.modified
        return article
    }

    /// Parses the bytes of the file at `path` into the article `id`.
    ///
    /// Throws when the bytes are empty, binary or not UTF-8, or hold no passage.
    public func parse(_ bytes: [UInt8], id: String, path: String) throws(ArticleError) -> Article {
        let format = ArticleFormat(path: path)
        // A web page may be in any encoding it declares; the page reader checks it.
        try ContentCheck.validate(bytes, path: path, requiringUTF8: format != .html)
        let file = SourceText(bytes: bytes)
        // A markup article is read as its rendered text, located in the file through its map.
        let rendered: RenderedText? =
            switch format {
            case .text: nil
            case .markdown: MarkdownRenderer.render(file)
            case .html: try HTMLRenderer.render(file, path: path)
            }
        let source = rendered.map { SourceText(bytes: $0.bytes) } ?? file
        let lines = source.lineRanges().enumerated().map { index, range in
            Line(
                index: index, range: range, in: source, isCode: rendered?.codeLines.contains(index) ?? false,
                links: rendered?.links[index] ?? [])
        }
        let layout = LayoutParser.parse(lines, headingsAreMarked: rendered?.headingsAreMarked ?? false)
        var builder = PassageBuilder(
            source: source, lines: lines, limits: limits,
            sentences: { self.sentences($0, in: source) })
        builder.map = rendered?.map
        var passages = builder.passages(layout.blocks)
        if passages.isEmpty, let line = layout.titleLine {
            // An article that is only its title (a note, a bookmark) is still found by it.
            passages = [builder.titlePassage(lines[line])]
        }
        guard !passages.isEmpty else { throw ArticleError(path: path, reason: .noPassages) }

        let title: String
        if let line = layout.titleLine {
            title = lines[line].headingText
        } else {
            title = derivedTitle(passages, path: path)
        }
        var definitionTexts = [title]
        for block in layout.blocks {
            if case .heading(let text) = block { definitionTexts.append(text) }
        }
        definitionTexts += passages.map(\.text)
        let acronyms = Acronym.defined(in: definitionTexts)
        var article = Article(
            id: id, path: path, title: title, titleIsDerived: layout.titleLine == nil,
            sources: Self.unique((rendered?.declaredSources ?? []) + layout.sources.urls), passages: passages,
            acronyms: acronyms,
            contentHash: FNV1a.hex(bytes), byteCount: bytes.count)
        article.format = format
        return article
    }

    /// `urls` without repeats, in order.
    private static func unique(_ urls: [String]) -> [String] {
        var seen: Set<String> = []
        return urls.filter { seen.insert($0).inserted }
    }

    /// The first sentence of the first paragraph (else the first line of the first list), or
    /// the file's name when the article is only tables.
    private func derivedTitle(_ passages: [Passage], path: String) -> String {
        let first =
            passages.first(where: { $0.kind == .paragraph })
            ?? passages.first(where: { $0.kind == .list })
        guard let passage = first else { return TitleDeriver.fileStem(path) }
        // The passage's own text: for a markup article, its location is in the file, not in
        // the rendered text the passage was cut from.
        let source = SourceText(bytes: Array(passage.text.utf8))
        var range = 0..<source.bytes.count
        if passage.kind == .list {
            // A list's first line (its lead-in or first item) reads as a title; items run on.
            let newline = source.bytes[range].firstIndex(of: UInt8(ascii: "\n")) ?? range.upperBound
            range = source.trimmed(range.lowerBound..<newline)
        }
        let sentence = sentences(range, in: source).first ?? range
        return TitleDeriver.title(fromSentence: source.string(sentence))
    }

    /// The sentences of a range of the file, as trimmed, non-empty file ranges.
    private func sentences(_ range: Range<Int>, in source: SourceText) -> [Range<Int>] {
        splitter.sentences(readingLineBreaksAsSpaces: source.bytes[range]).compactMap { sentence in
            let trimmed = source.trimmed(
                (range.lowerBound + sentence.lowerBound)..<(range.lowerBound + sentence.upperBound))
            return trimmed.isEmpty ? nil : trimmed
        }
    }
}
