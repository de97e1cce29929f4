import PassimArticles

/// Makes hits point at their passages in the files as they are now, not as they were indexed.
///
/// A hit whose file has the size and modification time it had when it was ingested is left as
/// it is (one `stat` per file). Otherwise the file is read: a passage still at its place stays;
/// one found elsewhere in the file (text added or removed above it) gets its new place, and its
/// highlights with it; one whose text is no longer in the file (or whose file is gone) is marked
/// stale, keeping the indexed place, until the file is ingested again.
public struct Freshness {
    /// The largest file read to look for a passage that moved.
    public var maximumFileBytes = ArticleReader.defaultMaxFileBytes

    /// A checker with the default limit.
    public init() {}

    /// Checks every hit of `results` (see the type's description).
    public func check(_ results: inout SearchResults) {
        var files: [String: [UInt8]?] = [:]
        // One `stat` per file, however many of its passages are hits.
        var unchanged: [String: Bool] = [:]
        for index in results.hits.indices {
            let hit = results.hits[index]
            let record = hit.article
            // Articles from JSON Lines or an editor's buffer have no file of their own to compare.
            guard record.modified != 0 else { continue }
            if unchanged[record.path] == nil { unchanged[record.path] = Self.looksUnchanged(record) }
            guard unchanged[record.path] == false else { continue }
            let text = Array(hit.passage.text.utf8)
            let location = hit.passage.location
            if let map = hit.passage.map {
                // Rendered text is checked piece by piece where it is the file's bytes; a
                // passage of a changed markup file is not looked for elsewhere.
                let head = try? ArticleReader.readPrefix(record.path, count: location.byteEnd)
                if head.map({ Self.holds(map, text: text, in: $0) }) != true { results.hits[index].stale = true }
                continue
            }
            // Still in its place? Only the bytes up to it are read (the file may have grown huge).
            if let head = try? ArticleReader.readPrefix(record.path, count: location.byteEnd),
                head.count == location.byteEnd,
                head[location.byteStart...].elementsEqual(text)
            {
                continue
            }
            if files[record.path] == nil {
                let entry = CorpusEntry(id: record.id, path: record.path)
                files[record.path] = .some(try? ArticleReader.read(entry, maxBytes: maximumFileBytes).bytes)
            }
            guard let bytes = files[record.path] ?? nil else {
                results.hits[index].stale = true
                continue
            }
            if let start = Self.find(text, in: bytes, near: location.byteStart) {
                results.hits[index] = Self.moved(hit, to: start, in: bytes)
            } else {
                results.hits[index].stale = true
            }
        }
    }

    /// Whether `bytes` hold every verbatim piece of a passage's rendered `text` in its place.
    static func holds(_ map: SourceMap, text: [UInt8], in bytes: [UInt8]) -> Bool {
        for (index, piece) in map.pieces.enumerated() where piece.verbatim {
            let end = index + 1 < map.pieces.count ? map.pieces[index + 1].textStart : text.count
            let file = piece.location.byteStart..<(piece.location.byteStart + end - piece.textStart)
            guard file.upperBound <= bytes.count, end <= text.count,
                bytes[file].elementsEqual(text[piece.textStart..<end])
            else { return false }
        }
        return true
    }

    /// Whether the file has the size and modification time its record holds.
    static func looksUnchanged(_ record: ArticleRecord) -> Bool {
        guard let stamp = ArticleReader.stamp(record.path) else { return false }
        return stamp.size == record.byteCount && stamp.modified == record.modified
    }

    /// The occurrence of `needle` in `bytes` nearest to `offset`, if any.
    static func find(_ needle: [UInt8], in bytes: [UInt8], near offset: Int) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var best: Int?
        var start = 0
        while start + needle.count <= bytes.count {
            guard let candidate = bytes[start...(bytes.count - needle.count)].firstIndex(of: first) else { break }
            if bytes[candidate..<(candidate + needle.count)].elementsEqual(needle) {
                if best.map({ abs($0 - offset) > abs(candidate - offset) }) ?? true { best = candidate }
                if candidate > offset { break }
            }
            start = candidate + 1
        }
        return best
    }

    /// `hit` with its passage (and highlights) at byte `start` of `bytes`.
    static func moved(_ hit: RankedPassage, to start: Int, in bytes: [UInt8]) -> RankedPassage {
        var line = 1
        var lineStart = 0
        for index in 0..<start where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let text = hit.passage.text
        let length = text.utf8.count
        let head = SourceLocation(
            byteStart: start, byteEnd: start + length, startLine: line, startColumn: start - lineStart + 1,
            endLine: line, endColumn: start - lineStart + 1)
        let positions = TextPositions(text: text, location: head)
        let end = positions.position(of: length)
        var moved = hit
        moved.passage.location = SourceLocation(
            byteStart: start, byteEnd: start + length, startLine: line, startColumn: start - lineStart + 1,
            endLine: end.line, endColumn: end.column)
        moved.highlights = hit.highlights.map { word in
            let from = positions.position(of: word.range.lowerBound)
            let to = positions.position(of: word.range.upperBound)
            return MatchedWord(
                range: word.range,
                location: SourceLocation(
                    byteStart: start + word.range.lowerBound, byteEnd: start + word.range.upperBound,
                    startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column))
        }
        return moved
    }
}
