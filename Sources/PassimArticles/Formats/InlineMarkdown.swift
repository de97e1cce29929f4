/// Splits a Markdown line's inline markup from its text: what stays is file byte ranges of
/// text, in order; markup between words that must keep them apart becomes a space.
struct InlineMarkdown {
    enum Token: Equatable {
        /// Text to keep, as a range of the file.
        case text(Range<Int>)
        /// Markup read as a space (an inline HTML tag such as `<br>`).
        case space(Range<Int>)
        /// A link's target, which is not text.
        case link(String)
    }

    let bytes: [UInt8]
    let range: Range<Int>
    private var result: [Token] = []

    init(bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        self.range = range
    }

    mutating func tokens() -> [Token] {
        result = []
        scan(range)
        return result
    }

    private static let backtick = UInt8(ascii: "`")

    private mutating func scan(_ range: Range<Int>) {
        var index = range.lowerBound
        var textStart = index
        func flush(_ end: Int, into tokens: inout [Token]) {
            if end > textStart { tokens.append(.text(textStart..<end)) }
        }
        while index < range.upperBound {
            let byte = bytes[index]
            var skipTo: Int?
            switch byte {
            case UInt8(ascii: "\\"):
                if index + 1 < range.upperBound, Self.isASCIIPunctuation(bytes[index + 1]) {
                    flush(index, into: &result)
                    textStart = index + 1
                    index += 2
                    continue
                }
            case Self.backtick:
                let run = run(of: byte, at: index, in: range)
                if let close = closingRun(of: byte, length: run, after: index + run, in: range) {
                    flush(index, into: &result)
                    result.append(.text((index + run)..<close))
                    skipTo = close + run
                } else {
                    index += run
                    continue
                }
            case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                let run = run(of: byte, at: index, in: range)
                if isDelimiter(byte, at: index, length: run, in: range) {
                    flush(index, into: &result)
                    skipTo = index + run
                } else {
                    index += run
                    continue
                }
            case UInt8(ascii: "!"), UInt8(ascii: "["):
                let open = byte == UInt8(ascii: "!") ? index + 1 : index
                if open < range.upperBound, bytes[open] == UInt8(ascii: "["), let link = link(at: open, in: range) {
                    flush(index, into: &result)
                    scan(link.text)
                    if let url = link.url, byte == UInt8(ascii: "[") { result.append(.link(url)) }
                    skipTo = link.end
                }
            case UInt8(ascii: "<"):
                if let end = tagEnd(at: index, in: range) {
                    flush(index, into: &result)
                    let inner = (index + 1)..<(end - 1)
                    if Self.startsWithScheme(bytes[inner]) {
                        result.append(.text(inner))
                    } else {
                        result.append(.space(index..<end))
                    }
                    skipTo = end
                }
            default:
                break
            }
            if let skipTo {
                index = skipTo
                textStart = skipTo
            } else {
                index += 1
            }
        }
        flush(range.upperBound, into: &result)
    }

    private func run(of byte: UInt8, at index: Int, in range: Range<Int>) -> Int {
        var end = index
        while end < range.upperBound, bytes[end] == byte { end += 1 }
        return end - index
    }

    private func closingRun(of byte: UInt8, length: Int, after start: Int, in range: Range<Int>) -> Int? {
        var index = start
        while index < range.upperBound {
            if bytes[index] == byte {
                let count = run(of: byte, at: index, in: range)
                if count == length { return index }
                index += count
            } else {
                index += 1
            }
        }
        return nil
    }

    /// Whether a run of `*`, `_` or `~` opens or closes emphasis: text on one side and not
    /// inside a word for `_` (`snake_case`) or between digits for `*` (`2*3`); `~` only as `~~`.
    private func isDelimiter(_ byte: UInt8, at index: Int, length: Int, in range: Range<Int>) -> Bool {
        if byte == UInt8(ascii: "~"), length != 2 { return false }
        let before: UInt8? = index > range.lowerBound ? bytes[index - 1] : nil
        let after: UInt8? = index + length < range.upperBound ? bytes[index + length] : nil
        let spaceBefore = before.map(Self.isSpace) ?? true
        let spaceAfter = after.map(Self.isSpace) ?? true
        guard spaceBefore != spaceAfter || (!spaceBefore && !spaceAfter) else { return false }
        if let before, let after {
            if byte == UInt8(ascii: "_"), Self.isWordByte(before), Self.isWordByte(after) { return false }
            if byte == UInt8(ascii: "*"), Self.isDigit(before), Self.isDigit(after) { return false }
        }
        return true
    }

    /// `[text](url "title")`, `[text][ref]`, `[text][]`: the text's range, the target, and the
    /// end of the whole link.
    private func link(at open: Int, in range: Range<Int>) -> (text: Range<Int>, url: String?, end: Int)? {
        var depth = 0
        var close = open
        while close < range.upperBound {
            if bytes[close] == UInt8(ascii: "[") { depth += 1 }
            if bytes[close] == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { break }
            }
            close += 1
        }
        guard close < range.upperBound, close + 1 < range.upperBound else { return nil }
        let text = (open + 1)..<close
        if bytes[close + 1] == UInt8(ascii: "(") {
            guard let end = bytes[(close + 2)..<range.upperBound].firstIndex(of: UInt8(ascii: ")")) else { return nil }
            var url = (close + 2)..<end
            if let space = bytes[url].firstIndex(of: UInt8(ascii: " ")) { url = url.lowerBound..<space }
            let target = String(decoding: bytes[url], as: UTF8.self)
            return (text, target.isEmpty ? nil : target, end + 1)
        }
        if bytes[close + 1] == UInt8(ascii: "[") {
            guard let end = bytes[(close + 2)..<range.upperBound].firstIndex(of: UInt8(ascii: "]")) else { return nil }
            return (text, nil, end + 1)
        }
        return nil
    }

    /// The end (past `>`) of an inline HTML tag or autolink at `index`.
    private func tagEnd(at index: Int, in range: Range<Int>) -> Int? {
        guard index + 1 < range.upperBound else { return nil }
        let next = bytes[index + 1]
        guard Self.isLetter(next) || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") else { return nil }
        guard let close = bytes[(index + 1)..<range.upperBound].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        guard !bytes[(index + 1)..<close].contains(UInt8(ascii: "<")) else { return nil }
        return close + 1
    }

    private static func startsWithScheme(_ text: ArraySlice<UInt8>) -> Bool {
        text.starts(with: "http://".utf8) || text.starts(with: "https://".utf8) || text.starts(with: "mailto:".utf8)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 97 && (byte | 0x20) <= 122 }

    /// A letter, digit or any byte of a non-ASCII character.
    private static func isWordByte(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) || byte >= 0x80 }

    private static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (33...47).contains(byte) || (58...64).contains(byte) || (91...96).contains(byte) || (123...126).contains(byte)
    }
}
