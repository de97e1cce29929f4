import PassimProtocol

/// A one-line excerpt of a passage around its first highlight, with matches marked.
struct Snippet {
    /// Longest excerpt in bytes of passage text (before whitespace folding).
    static let width = 240

    /// Folds whitespace runs (newlines included) into single spaces and cuts the text to a
    /// window around the first highlight, marking highlights with `style`.
    static func render(text: String, highlights: [Highlight], style: OutputStyle) -> String {
        let bytes = Array(text.utf8)
        let focus = highlights.first?.start ?? 0
        var start = max(0, focus - width / 3)
        var end = min(bytes.count, start + width)
        start = max(0, min(start, end - width))
        start = boundary(bytes, start, forward: false)
        end = boundary(bytes, end, forward: true)
        var out = start > 0 ? "…" : ""
        var cursor = start
        for highlight in highlights where highlight.end > start && highlight.start < end {
            let from = max(highlight.start, cursor)
            guard from < highlight.end else { continue }
            out += folded(bytes[cursor..<from])
            out += style.match(folded(bytes[from..<min(highlight.end, end)]))
            cursor = min(highlight.end, end)
        }
        out += folded(bytes[cursor..<end])
        if end < bytes.count { out += "…" }
        return out.trimmingWhitespace()
    }

    /// Moves `index` to the nearest whitespace within a word's length (so words are not cut),
    /// or to the text's start or end when that is nearer; else (a long run without spaces, as
    /// CJK text is) to a UTF-8 scalar boundary.
    static func boundary(_ bytes: [UInt8], _ index: Int, forward: Bool) -> Int {
        guard index > 0, index < bytes.count else { return index }
        var i = index
        let limit = 24
        var steps = 0
        while i > 0, i < bytes.count, !isSpace(bytes[i]), steps < limit {
            i += forward ? 1 : -1
            steps += 1
        }
        if i <= 0 { return 0 }
        if i >= bytes.count { return bytes.count }
        if steps < limit { return i }
        i = index
        while i > 0, i < bytes.count, bytes[i] & 0xC0 == 0x80 { i -= 1 }
        return i
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func folded(_ slice: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var lastSpace = false
        for byte in slice {
            let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
            if isSpace {
                if !lastSpace { out.append(0x20) }
                lastSpace = true
            } else {
                out.append(byte)
                lastSpace = false
            }
        }
        return TerminalSafe.text(String(decoding: out, as: UTF8.self))
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
