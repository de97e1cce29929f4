import Foundation
import PassimProtocol
import PassimServer

/// Turns ranked passages into LSP symbols, their positions counted in the negotiated encoding.
///
/// Passim's positions are UTF-8 columns; for UTF-16 or UTF-32 each article's file is read (only
/// up to the end of its last hit) to count the units before each column. A hit marked stale (its
/// file was rewritten since indexing) has only the indexed version's columns: it points at the
/// start of its line, and its name says it changed.
struct PassageSymbols: Sendable {
    let encoding: PositionEncoding
    /// Reads each file's first bytes (a regular file only: a pipe put in its place never blocks).
    let loader: SourceLoader

    func symbols(for result: SearchResult) -> [SymbolInformation] {
        var needed: [String: Int] = [:]
        for hit in result.hits { needed[hit.article.path] = max(needed[hit.article.path] ?? 0, hit.location.end) }
        var sources: [String: SourceText?] = [:]
        return result.hits.map { hit in
            let path = hit.article.path
            if encoding != .utf8, sources[path] == nil {
                sources[path] = .some(try? loader.load(path, prefix: needed[path] ?? 0))
            }
            return SymbolInformation(
                name: SymbolName.make(for: hit), kind: .string,
                location: LSPLocation(uri: Self.uri(path), range: range(of: hit, in: sources[path] ?? nil)),
                containerName: hit.article.title.isEmpty ? nil : hit.article.title)
        }
    }

    /// The first matched word, else the whole passage.
    private func range(of hit: SearchHit, in source: SourceText?) -> LSPRange {
        let start: (line: Int, column: Int)
        let end: (line: Int, column: Int)
        if let first = hit.highlights.first {
            (start, end) = ((first.line, first.column), (first.endLine, first.endColumn))
        } else {
            start = (hit.location.startLine, hit.location.startColumn)
            end = (hit.location.endLine, hit.location.endColumn)
        }
        guard hit.stale != true else {
            return LSPRange(
                start: LSPPosition(line: start.line - 1, character: 0),
                end: LSPPosition(line: start.line - 1, character: 0))
        }
        return LSPRange(start: position(start, in: source), end: position(end, in: source))
    }

    /// A 1-based UTF-8 line and column as a 0-based LSP position; the line's start when the file
    /// cannot say (it changed or went away since the search).
    private func position(_ place: (line: Int, column: Int), in source: SourceText?) -> LSPPosition {
        let line = place.line - 1
        guard encoding != .utf8 else { return LSPPosition(line: line, character: place.column - 1) }
        guard let source, let column = try? source.column(place.column, line: place.line, in: encoding) else {
            return LSPPosition(line: line, character: 0)
        }
        return LSPPosition(line: line, character: column - 1)
    }

    /// A `file://` URI for an absolute path, percent-encoded.
    static func uri(_ path: String) -> String {
        URL(fileURLWithPath: path).absoluteString
    }
}
