import PassimProtocol

/// The lines the picker hands fzf.
///
/// Each line is `path⇥line⇥column⇥spans⇥shown`: fzf shows only the last field (`--with-nth 5..`)
/// and gives the others to the preview and to Enter. `spans` are the passage's highlights
/// in the file (`line:column:endLine:endColumn`, comma-separated, byte columns). The first line
/// is fzf's header (`--header-lines 1`): what the query found and the words Tab completes to.
enum PickLines {
    /// The header line: `text` in the shown field.
    static func header(_ text: String) -> String {
        "\t\t\t\t" + text
    }

    /// The header for `result` of `query`: how many passages for which query, a spelling correction, what
    /// Tab completes.
    static func summary(_ result: SearchResult, query: String, completions: [String], style: OutputStyle) -> String {
        // As the editors' pickers say it, so one reads them all alike.
        var parts = ["\(result.hits.count) of about \(result.estimatedTotal) passages for \"\(query)\""]
        if let corrected = result.correctedQuery { parts.append("showing results for \"\(corrected)\"") }
        return style.dim(parts.joined(separator: " · ")) + completionHint(completions, style: style)
    }

    /// ` · Tab: word, word` when the word being typed has completions.
    static func completionHint(_ completions: [String], style: OutputStyle) -> String {
        completions.isEmpty ? "" : style.dim(" · Tab: ") + completions.joined(separator: ", ")
    }

    /// One hit: where its first match is, its highlights in the file, and what fzf shows:
    /// `Title § Section  snippet`, the matched words marked.
    static func line(for hit: SearchHit, style: OutputStyle) -> String {
        let first = hit.highlights.first
        let line = first?.line ?? hit.location.startLine
        let column = first?.column ?? hit.location.startColumn
        // A stale hit's highlights are the indexed version's: nothing to mark in today's file.
        let spans =
            hit.stale == true
            ? ""
            : hit.highlights.map { "\($0.line):\($0.column):\($0.endLine):\($0.endColumn)" }
                .joined(separator: ",")
        let title = SearchOutput.marked(hit.article.title, hit.titleHighlights, style: style, plain: style.title)
        let section =
            hit.passage.section.map { style.dim(" § ") + SearchOutput.marked($0, hit.sectionHighlights, style: style) }
            ?? ""
        let stale = hit.stale == true ? style.dim(" (changed since it was indexed)") : ""
        let snippet = Snippet.render(text: hit.passage.text, highlights: hit.highlights, style: style)
        return [
            fieldSafe(hit.article.path), "\(line)", "\(column)", spans, "\(title)\(section)\(stale)  \(snippet)",
        ].joined(separator: "\t")
    }

    /// A path with a tab or newline would break the line's fields: those become visible pictures
    /// (such a file's hits cannot be opened, but the others still can).
    private static func fieldSafe(_ path: String) -> String {
        path.contains(where: { $0 == "\t" || $0 == "\n" }) ? TerminalSafe.text(path) : path
    }
}
