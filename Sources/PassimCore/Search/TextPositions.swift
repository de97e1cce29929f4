import PassimArticles

/// Converts offsets inside a passage's text to lines and columns in its source file.
struct TextPositions {
    private let text: [UInt8]
    private let location: SourceLocation
    /// The file offset of the passage text's first byte.
    var base: Int { location.byteStart }
    /// Offsets (in `text`) where each line after the first starts.
    private let lineStarts: [Int]
    /// Where the parts of a text that is not the file's bytes come from.
    private let map: SourceMap?

    init(text: String, location: SourceLocation, map: SourceMap? = nil) {
        self.text = Array(text.utf8)
        self.location = location
        self.map = map
        var starts: [Int] = []
        for (offset, byte) in self.text.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        lineStarts = starts
    }

    /// The file location of `range` of the passage text.
    func location(of range: Range<Int>) -> SourceLocation {
        if let map { return map.location(of: range) }
        let from = position(of: range.lowerBound)
        let to = position(of: range.upperBound)
        return SourceLocation(
            byteStart: base + range.lowerBound, byteEnd: base + range.upperBound, startLine: from.line,
            startColumn: from.column, endLine: to.line, endColumn: to.column)
    }

    /// 1-based line and column (UTF-8 bytes) in the file of byte `offset` of the passage text.
    func position(of offset: Int) -> (line: Int, column: Int) {
        // Number of line starts at or before `offset`.
        var low = 0
        var high = lineStarts.count
        while low < high {
            let mid = (low + high) / 2
            if lineStarts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        if low == 0 {
            return (location.startLine, location.startColumn + offset)
        }
        return (location.startLine + low, offset - lineStarts[low - 1] + 1)
    }
}
