/// Where each part of a text that is not the file's bytes verbatim (a Markdown or HTML
/// article's clean text) comes from in the file.
///
/// The text is cut into pieces, in text order. A verbatim piece is the file's bytes at its
/// location, byte for byte, on one line; any other piece stands for its whole location (an
/// entity such as `&amp;` for `&`, collapsed white space) or for nothing (a separator the
/// text needs, with an empty location where it sits). A word inside a verbatim piece maps to
/// its exact bytes; one that touches a replaced piece maps to all of it.
public struct SourceMap: Sendable, Hashable, Codable {
    /// One piece: the text from `textStart` up to the next piece's start (or the text's end).
    public struct Piece: Sendable, Hashable, Codable {
        public var textStart: Int
        public var location: SourceLocation
        public var verbatim: Bool

        public init(textStart: Int, location: SourceLocation, verbatim: Bool) {
            self.textStart = textStart
            self.location = location
            self.verbatim = verbatim
        }
    }

    public var pieces: [Piece]

    public init(pieces: [Piece]) {
        self.pieces = pieces
    }

    /// The file location of `range` of the text (offsets into the text's UTF-8).
    public func location(of range: Range<Int>) -> SourceLocation {
        let start = position(ofStart: range.lowerBound)
        let end = range.isEmpty ? start : position(ofEnd: range.upperBound)
        return SourceLocation(
            byteStart: start.offset, byteEnd: max(start.offset, end.offset), startLine: start.line,
            startColumn: start.column, endLine: end.line, endColumn: end.column)
    }

    /// The pieces of `range` of the text, with text offsets from the range's start.
    public func slice(_ range: Range<Int>) -> SourceMap {
        var result: [Piece] = []
        for (index, piece) in pieces.enumerated() {
            let end = index + 1 < pieces.count ? pieces[index + 1].textStart : Int.max
            guard end > range.lowerBound, piece.textStart < range.upperBound else { continue }
            var part = piece
            if piece.textStart < range.lowerBound {
                let skipped = range.lowerBound - piece.textStart
                part.textStart = range.lowerBound
                if piece.verbatim {
                    part.location.byteStart += skipped
                    part.location.startColumn += skipped
                }
            }
            part.textStart -= range.lowerBound
            result.append(part)
        }
        return SourceMap(pieces: result)
    }

    private typealias Position = (offset: Int, line: Int, column: Int)

    /// The index of the last piece starting at or before `offset`.
    private func piece(at offset: Int) -> Int? {
        var low = 0
        var high = pieces.count
        while low < high {
            let mid = (low + high) / 2
            if pieces[mid].textStart <= offset { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : low - 1
    }

    private func position(ofStart offset: Int) -> Position {
        guard let index = piece(at: offset) else { return (0, 1, 1) }
        let piece = pieces[index]
        let location = piece.location
        guard piece.verbatim else { return (location.byteStart, location.startLine, location.startColumn) }
        let delta = offset - piece.textStart
        return (location.byteStart + delta, location.startLine, location.startColumn + delta)
    }

    private func position(ofEnd offset: Int) -> Position {
        guard offset > 0, let index = piece(at: offset - 1) else { return position(ofStart: offset) }
        let piece = pieces[index]
        let location = piece.location
        guard piece.verbatim else { return (location.byteEnd, location.endLine, location.endColumn) }
        let delta = offset - piece.textStart
        return (location.byteStart + delta, location.startLine, location.startColumn + delta)
    }
}
