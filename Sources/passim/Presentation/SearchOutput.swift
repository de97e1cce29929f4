import Foundation
import PassimArticles
import PassimProtocol

/// Renders a search result for the command line, in one of the CLI's formats.
public enum SearchOutput {
    /// One header per article, articles in the order of their best hit; under it, its hits in
    /// rank order, each with its rank (`#3`), `line:column` of its first match and a marked
    /// snippet. So the ranking stays readable and no article is announced twice.
    /// Control characters in what is shown are made visible, not obeyed (`TerminalSafe`).
    public static func human(_ result: SearchResult, style: OutputStyle, relativeTo directory: String) -> String {
        var lines: [String] = []
        for repair in result.readAsText ?? [] {
            let column = SyntaxErrorReport.column(of: repair.offset, in: result.query)
            lines.append(
                style.dim("Read '\(TerminalSafe.text(repair.text))' at column \(column) as text: \(repair.reason)."))
        }
        if let corrected = result.correctedQuery {
            lines.append(style.dim("No good match for \"\(result.query)\"; showing results for \"\(corrected)\"."))
        }
        if result.hits.isEmpty {
            let query = TerminalSafe.text(result.correctedQuery ?? result.query)
            if result.estimatedTotal > 0 {
                // The page starts past the last hit: say how many there are instead.
                let count = result.estimatedTotal == 1 ? "1 passage" : "\(result.estimatedTotal) passages"
                lines.append("\"\(query)\" matches \(count); --offset is past the last of them.")
            } else {
                lines.append("No passages match \"\(query)\".")
            }
            return lines.joined(separator: "\n") + "\n"
        }
        var order: [String] = []
        var byArticle: [String: [SearchHit]] = [:]
        for hit in result.hits {
            if byArticle[hit.article.id] == nil { order.append(hit.article.id) }
            byArticle[hit.article.id, default: []].append(hit)
        }
        for (index, id) in order.enumerated() {
            let hits = byArticle[id] ?? []
            guard let article = hits.first?.article else { continue }
            if index > 0 { lines.append("") }
            let path = relative(article.path, to: directory)
            let title = marked(article.title, hits.first?.titleHighlights, style: style, plain: style.title)
            lines.append("\(style.path(path)) \(style.dim("—")) \(title)")
            for hit in hits {
                // Where the match is (its first highlight), not where the passage starts.
                let first = hit.highlights.first
                let line = first?.line ?? hit.location.startLine
                let column = first?.column ?? hit.location.startColumn
                let position = style.dim("#\(hit.rank) ") + style.lineNumber("\(line):\(column)")
                let section =
                    hit.passage.section.map { style.dim(" § ") + marked($0, hit.sectionHighlights, style: style) } ?? ""
                let stale = hit.stale == true ? style.dim(" (changed since it was indexed)") : ""
                lines.append("  \(position)\(section)\(elsewhere(hit, style: style))\(stale)")
                lines.append("    " + Snippet.render(text: hit.passage.text, highlights: hit.highlights, style: style))
                if let explanation = hit.explanation {
                    lines.append(contentsOf: ScoreExplanation.lines(explanation, score: hit.score, style: style))
                }
            }
        }
        let last = result.hits.last?.rank ?? 0
        let first = result.hits.first?.rank ?? 0
        lines.append("")
        lines.append(style.dim("\(first)–\(last) of about \(result.estimatedTotal) passages"))
        if let facets = result.facets {
            lines.append(contentsOf: facetLines(facets, style: style, relativeTo: directory))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` with the spans marked as matches, the rest in `plain`'s style (dim by default).
    static func marked(
        _ text: String, _ spans: [Span]?, style: OutputStyle, plain: ((String) -> String)? = nil
    ) -> String {
        let rest = plain ?? style.dim
        let bytes = Array(text.utf8)
        var out = ""
        var cursor = 0
        for span in spans ?? [] where span.start >= cursor && span.end <= bytes.count && span.start < span.end {
            out += rest(String(decoding: bytes[cursor..<span.start], as: UTF8.self))
            out += style.match(String(decoding: bytes[span.start..<span.end], as: UTF8.self))
            cursor = span.end
        }
        return out + rest(String(decoding: bytes[cursor...], as: UTF8.self))
    }

    /// `--facets`: where every match is, by article and by source.
    static func facetLines(_ facets: Facets, style: OutputStyle, relativeTo directory: String) -> [String] {
        var lines = ["", style.dim("Matches by article:")]
        for article in facets.articles {
            lines.append("  \(article.count)\t\(style.path(relative(article.path, to: directory)))")
        }
        if !facets.sources.isEmpty {
            lines.append(style.dim("Matches by source:"))
            for source in facets.sources { lines.append("  \(source.count)\t\(TerminalSafe.text(source.domain))") }
        }
        return lines
    }

    /// For a hit whose text has no match: where its words matched instead, so every hit shows
    /// why it is there.
    static func elsewhere(_ hit: SearchHit, style: OutputStyle) -> String {
        guard hit.highlights.isEmpty else { return "" }
        let title = !(hit.titleHighlights ?? []).isEmpty
        let section = !(hit.sectionHighlights ?? []).isEmpty
        switch (title, section) {
        case (true, true): return style.dim(" (matched in the title and heading)")
        case (true, false): return style.dim(" (matched in the title)")
        case (false, true): return style.dim(" (matched in the heading)")
        case (false, false): return ""
        }
    }

    /// One JSON object, the same bytes as the daemon's `search` result: written by the same
    /// `JSONBytes` writer, which matches `JSONEncoder` with sorted keys and unescaped slashes.
    public static func json(_ result: SearchResult) -> String {
        var json = JSONBytes(capacity: 8_192)
        result.write(to: &json)
        return String(decoding: json.bytes, as: UTF8.self) + "\n"
    }

    /// `path:line:column:text` for each line of a passage that holds a match, at its first
    /// match, with that line's own text from the file (as `rg --vimgrep`; Vim's quickfix
    /// `%f:%l:%c:%m`, Emacs grep-mode), control characters made visible (`TerminalSafe`). A
    /// passage without highlights gets one line at its start, with its snippet; a file that
    /// cannot be read (or a stale hit) shows the passage's part of the line.
    public static func vimgrep(_ result: SearchResult, relativeTo directory: String) -> String {
        var out = ""
        var files: [String: [ArraySlice<UInt8>]] = [:]
        for hit in result.hits {
            let path = TerminalSafe.text(relative(hit.article.path, to: directory))
            // The place is the indexed version's: say so where the quickfix list shows the text.
            let stale = hit.stale == true ? "[changed since it was indexed] " : ""
            guard !hit.highlights.isEmpty else {
                let text = Snippet.render(text: hit.passage.text, highlights: [], style: OutputStyle(color: false))
                out += "\(path):\(hit.location.startLine):\(hit.location.startColumn):\(stale)\(text)\n"
                continue
            }
            let bytes = Array(hit.passage.text.utf8)
            if hit.stale != true, files[hit.article.path] == nil {
                // Read as an ingest reads it: a FIFO or a huge file there is not waited on.
                let entry = CorpusEntry(id: hit.article.id, path: hit.article.path)
                let data = (try? ArticleReader.read(entry).bytes) ?? []
                files[hit.article.path] = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            }
            let fileLines = hit.stale == true ? [] : files[hit.article.path] ?? []
            var lines: Set<Int> = []
            for highlight in hit.highlights where lines.insert(highlight.line).inserted {
                let text =
                    fileLines.indices.contains(highlight.line - 1)
                    ? trimmedLine(fileLines[highlight.line - 1]) : lineText(containing: highlight.start, in: bytes)
                out += "\(path):\(highlight.line):\(highlight.column):\(stale)\(text)\n"
            }
        }
        return out
    }

    /// The line of `bytes` (a passage's text) that holds byte `offset`, trimmed, its control
    /// characters made visible.
    static func lineText(containing offset: Int, in bytes: [UInt8]) -> String {
        let newline = UInt8(ascii: "\n")
        let start = bytes[..<min(offset, bytes.count)].lastIndex(of: newline).map { $0 + 1 } ?? 0
        let end = bytes[min(offset, bytes.count)...].firstIndex(of: newline) ?? bytes.count
        return trimmedLine(bytes[start..<end])
    }

    /// A line's bytes without surrounding blanks or its `\r`, control characters made visible.
    static func trimmedLine(_ bytes: ArraySlice<UInt8>) -> String {
        var line = bytes
        while let last = line.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: " ") || last == 0x09 {
            line = line.dropLast()
        }
        while let first = line.first, first == UInt8(ascii: " ") || first == 0x09 { line = line.dropFirst() }
        return TerminalSafe.text(String(decoding: line, as: UTF8.self))
    }

    /// `path` relative to `directory` when it lies inside it, otherwise unchanged.
    static func relative(_ path: String, to directory: String) -> String {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
