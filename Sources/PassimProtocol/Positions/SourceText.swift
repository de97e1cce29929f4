/// A source file's bytes with an index of its lines, for converting the file offsets and
/// line columns Passim stores (UTF-8) to UTF-16 or UTF-32.
///
/// Lines end at `\n`; a `\r` before it belongs to the line. Build one per file and reuse it for
/// every position in that file: conversion is then proportional to the length of one line.
public struct SourceText: Sendable {
    /// The file's bytes.
    public let bytes: [UInt8]
    /// Byte offset of each line's first byte; line `n` (1-based) starts at `lineStarts[n - 1]`.
    let lineStarts: [Int]
    /// UTF-16 and UTF-32 units before each line's start.
    private let utf16BeforeLine: [Int]
    private let utf32BeforeLine: [Int]

    /// Indexes `bytes`, which must be valid UTF-8.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var utf16 = [0]
        var utf32 = [0]
        var units16 = 0
        var units32 = 0
        for (offset, byte) in bytes.enumerated() {
            if !UTF8.isContinuation(byte) {
                units32 += 1
                units16 += byte >= 0xF0 ? 2 : 1
            }
            if byte == 0x0A {
                starts.append(offset + 1)
                utf16.append(units16)
                utf32.append(units32)
            }
        }
        lineStarts = starts
        utf16BeforeLine = utf16
        utf32BeforeLine = utf32
    }

    /// Indexes a string's UTF-8.
    public init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// Lines in the file (a final line without `\n` counts; an empty file has one empty line).
    public var lineCount: Int { lineStarts.count }

    /// A UTF-8 byte offset in the file, in `encoding`.
    public func offset(_ utf8Offset: Int, in encoding: PositionEncoding) throws(PositionConversionError) -> Int {
        try UTF8Position.check(utf8Offset, in: bytes[...])
        guard encoding != .utf8 else { return utf8Offset }
        let line = lineIndex(containing: utf8Offset)
        let before = encoding == .utf16 ? utf16BeforeLine[line] : utf32BeforeLine[line]
        return before + encoding.units(inUTF8: bytes[lineStarts[line]..<utf8Offset])
    }

    /// A 1-based UTF-8 column on a 1-based line, as a 1-based column in `encoding`. The column
    /// may point just past the line's last byte (an exclusive end).
    public func column(_ utf8Column: Int, line: Int, in encoding: PositionEncoding) throws(PositionConversionError)
        -> Int
    {
        guard line >= 1, line <= lineCount else { throw .lineOutOfRange(line: line, lineCount: lineCount) }
        let start = lineStarts[line - 1]
        let end = line < lineCount ? lineStarts[line] - 1 : bytes.count
        guard utf8Column >= 1, start + utf8Column - 1 <= end else {
            throw .columnOutOfRange(line: line, column: utf8Column)
        }
        let offset = start + utf8Column - 1
        try UTF8Position.check(offset, in: bytes[...])
        return encoding.units(inUTF8: bytes[start..<offset]) + 1
    }

    /// The 0-based index of the line holding `offset` (binary search over line starts).
    private func lineIndex(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
