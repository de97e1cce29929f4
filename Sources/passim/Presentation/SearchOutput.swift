import Foundation
import PassimProtocol

/// Renders a search result for the command line, in one of the CLI's formats.
public enum SearchOutput {
    /// Grouped by article: a header per article, then `line:column` and a marked snippet per hit.
    /// Control characters in what is shown are made visible, not obeyed (`TerminalSafe`).
    public static func human(_ result: SearchResult, style: OutputStyle, relativeTo directory: String) -> String {
        var lines: [String] = []
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
        var currentArticle: String?
        for hit in result.hits {
            let path = relative(hit.article.path, to: directory)
            if hit.article.id != currentArticle {
                if currentArticle != nil { lines.append("") }
                lines.append("\(style.path(path)) \(style.dim("—")) \(style.title(hit.article.title))")
                currentArticle = hit.article.id
            }
            let position = style.lineNumber("\(hit.location.startLine):\(hit.location.startColumn)")
            let section = hit.passage.section.map { style.dim(" § \($0)") } ?? ""
            let stale = hit.stale == true ? style.dim(" (changed since it was indexed)") : ""
            lines.append("  \(position)\(section)\(stale)")
            lines.append("    " + Snippet.render(text: hit.passage.text, highlights: hit.highlights, style: style))
        }
        let last = result.hits.last?.rank ?? 0
        let first = result.hits.first?.rank ?? 0
        lines.append("")
        lines.append(style.dim("\(first)–\(last) of about \(result.estimatedTotal) passages"))
        return lines.joined(separator: "\n") + "\n"
    }

    /// One JSON object, the same shape the daemon's `search` returns.
    public static func json(_ result: SearchResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(result), as: UTF8.self) + "\n"
    }

    /// `path:line:column:text` per hit (Vim's quickfix `%f:%l:%c:%m`, Emacs grep-mode), at the
    /// first highlight of each passage, the text folded onto one line and its control characters
    /// made visible (`TerminalSafe`).
    public static func vimgrep(_ result: SearchResult, relativeTo directory: String) -> String {
        var out = ""
        for hit in result.hits {
            let line = hit.highlights.first?.line ?? hit.location.startLine
            let column = hit.highlights.first?.column ?? hit.location.startColumn
            var text = Snippet.render(
                text: hit.passage.text, highlights: hit.highlights, style: OutputStyle(color: false))
            // The place is the indexed version's: say so where the quickfix list shows the text.
            if hit.stale == true { text = "[changed since it was indexed] " + text }
            out += "\(TerminalSafe.text(relative(hit.article.path, to: directory))):\(line):\(column):\(text)\n"
        }
        return out
    }

    /// `path` relative to `directory` when it lies inside it, otherwise unchanged.
    static func relative(_ path: String, to directory: String) -> String {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
