import PassimAnalysis
import PassimArticles
import PassimProtocol
import PassimQuery

/// Marks the words of a passage that the query matched, using the same analyzer as indexing.
struct Highlighter {
    let analyzer: Analyzer
    let plan: HighlightPlan

    /// Byte ranges in the passage text of matched words, with their file positions.
    func highlights(in passage: Passage) -> [Highlight] {
        let analyzed = analyzer.analyze(passage.text)
        let positions = TextPositions(text: passage.text, location: passage.location)
        var result: [Highlight] = []
        for token in analyzed.tokens + analyzed.bigrams {
            let stem = token.kind == .word ? analyzer.stem(token.term) : nil
            guard plan.matches(token: token, stem: stem) else { continue }
            result.append(highlight(token.start, token.end, positions))
        }
        return merged(result.sorted { ($0.start, $0.end) < ($1.start, $1.end) }, positions)
    }

    private func highlight(_ start: Int, _ end: Int, _ positions: TextPositions) -> Highlight {
        let from = positions.position(of: start)
        let to = positions.position(of: end)
        return Highlight(
            start: start, end: end, line: from.line, column: from.column, endLine: to.line, endColumn: to.column)
    }

    /// Overlapping ranges (a CJK word and its bigrams) become one.
    private func merged(_ sorted: [Highlight], _ positions: TextPositions) -> [Highlight] {
        var result: [Highlight] = []
        for item in sorted {
            if let last = result.last, item.start < last.end {
                if item.end > last.end {
                    result[result.count - 1] = highlight(last.start, item.end, positions)
                }
            } else {
                result.append(item)
            }
        }
        return result
    }
}
