/// An article file's bytes with a line table, so byte ranges map to lines and columns.
///
/// Everything the parser reports is a range into these bytes: text is never copied out of
/// the file and edited, only re-ranged, so a passage's text is exactly the file's bytes.
struct SourceText {
    let bytes: [UInt8]
    /// Byte offset where each line starts (line 1 starts at 0, even after a BOM).
    let lineStarts: [Int]
    /// Where the text begins: 3 when the file starts with a UTF-8 byte order mark, else 0.
    let contentStart: Int

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        lineStarts = starts
        contentStart = SourceText.hasByteOrderMark(bytes) ? 3 : 0
    }

    static func hasByteOrderMark(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// The text of a byte range. Ranges always fall on UTF-8 boundaries of validated text.
    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The file location of a byte range: 1-based lines, 1-based byte columns, end exclusive.
    func location(_ range: Range<Int>) -> SourceLocation {
        let start = position(of: range.lowerBound)
        let end = position(of: range.upperBound)
        return SourceLocation(
            byteStart: range.lowerBound, byteEnd: range.upperBound,
            startLine: start.line, startColumn: start.column,
            endLine: end.line, endColumn: end.column)
    }

    /// The 1-based line and byte column of an offset (an offset at a newline stays on its line).
    func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    /// The physical lines, without their `\n` or `\r\n` terminators.
    func lineRanges() -> [Range<Int>] {
        lineStarts.indices.map { index in
            let start = index == 0 ? contentStart : lineStarts[index]
            var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
            if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            return start..<max(start, end)
        }
    }

    /// Narrows a range to exclude leading and trailing whitespace (Unicode whitespace included).
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        let text = string(range)
        var start = range.lowerBound
        for scalar in text.unicodeScalars {
            guard TextShape.isSpace(scalar) else { break }
            start += scalar.utf8.count
        }
        var end = range.upperBound
        for scalar in text.unicodeScalars.reversed() {
            guard end > start, TextShape.isSpace(scalar) else { break }
            end -= scalar.utf8.count
        }
        return start..<end
    }
}
