import Foundation

/// fzf's preview of a hit: its whole file, lines numbered, the matched words in reverse video,
/// so the passage is seen in place with the heading above it (fzf scrolls to the hit's line).
enum PickPreview {
    /// A matched word's start and end in the file: 1-based lines, 1-based byte columns, end exclusive.
    struct Span: Equatable {
        var line: Int
        var column: Int
        var endLine: Int
        var endColumn: Int
    }

    /// The spans of `text` (`line:column:endLine:endColumn`, comma-separated, as `PickLines`
    /// writes them); what does not read as one is left out.
    static func spans(_ text: String) -> [Span] {
        text.split(separator: ",").compactMap { part in
            let numbers = part.split(separator: ":").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard numbers.count == 4 else { return nil }
            return Span(line: numbers[0], column: numbers[1], endLine: numbers[2], endColumn: numbers[3])
        }
    }

    static let markOn = "\u{1B}[7;1m"
    static let markOff = "\u{1B}[0m"

    /// `bytes` (a file) as numbered lines with `spans` marked. Control characters in the file
    /// are shown, not obeyed (`TerminalSafe`), tabs as spaces.
    static func render(_ bytes: [UInt8], spans: [Span]) -> String {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let width = String(lines.count).count
        var out = ""
        for (index, line) in lines.enumerated() {
            let number = index + 1
            // Byte ranges of this line inside a match, from the spans that cover it.
            var marks: [Range<Int>] = []
            for span in spans where span.line <= number && number <= span.endLine {
                let from = span.line == number ? span.column - 1 : 0
                let to = span.endLine == number ? span.endColumn - 1 : line.count
                let clamped = max(0, min(from, line.count))..<max(0, min(to, line.count))
                if !clamped.isEmpty { marks.append(clamped) }
            }
            let padding = String(repeating: " ", count: width - String(number).count)
            out +=
                "\u{1B}[2m\(padding)\(number)\u{1B}[0m  "
                + marked(Array(line), marks.sorted { $0.lowerBound < $1.lowerBound })
            out += "\n"
        }
        return out
    }

    /// `line` with the byte ranges `marks` (sorted) in reverse video.
    private static func marked(_ line: [UInt8], _ marks: [Range<Int>]) -> String {
        var out = ""
        var cursor = 0
        for mark in marks where mark.upperBound > cursor {
            let from = max(mark.lowerBound, cursor)
            out += shown(line[cursor..<from]) + markOn + shown(line[from..<mark.upperBound]) + markOff
            cursor = mark.upperBound
        }
        return out + shown(line[cursor...])
    }

    private static func shown(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\t", with: "    ")
        // A `\r` before the newline belongs to the line but would move the cursor home.
        return TerminalSafe.text(text.hasSuffix("\r") ? String(text.dropLast()) : text)
    }
}
