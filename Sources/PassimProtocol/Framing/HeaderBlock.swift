/// Parses an LSP-style header block: `Name: value` lines ended by `\r\n` (or `\n`), closed by an
/// empty line. Names are case-insensitive; `Content-Length` is required, `Content-Type` is
/// optional (its charset must be UTF-8; LSP's legacy `utf8` spelling is accepted), other
/// headers are ignored.
enum HeaderBlock {
    /// What to do with the body that follows the block.
    enum Outcome: Equatable {
        /// Read `length` bytes of body.
        case body(length: Int)
        /// Report `error`, then skip `length` bytes of body (`nil`: length unknown, resync).
        case refuse(FramingError, skip: Int?)
    }

    /// The most digits a Content-Length may have (far beyond any limit, far below Int overflow).
    private static let maxLengthDigits = 15

    /// Parses the block, `bytes` including its closing empty line.
    static func parse(_ bytes: [UInt8]) -> Outcome {
        var length: Int? = nil
        var problem: FramingError? = nil
        for rawLine in bytes.split(separator: ASCII.newline, omittingEmptySubsequences: false) {
            let line = rawLine.last == ASCII.carriageReturn ? rawLine.dropLast() : rawLine
            if line.isEmpty { continue }
            guard let colon = line.firstIndex(of: ASCII.colon) else {
                problem = problem ?? .malformedHeader(line: printable(line))
                continue
            }
            let name = String(decoding: trimmed(line[..<colon]).map(ASCII.lowercased), as: UTF8.self)
            let value = trimmed(line[(colon + 1)...])
            switch name {
            case "content-length":
                guard let parsed = parseLength(value), length == nil || length == parsed else {
                    problem = problem ?? .invalidContentLength(printable(value))
                    continue
                }
                length = parsed
            case "content-type":
                if let charset = charset(in: value), charset != "utf-8", charset != "utf8" {
                    problem = problem ?? .unsupportedCharset(charset)
                }
            default:
                continue
            }
        }
        if let problem { return .refuse(problem, skip: length) }
        guard let length else { return .refuse(.missingContentLength, skip: nil) }
        return .body(length: length)
    }

    private static func parseLength(_ value: ArraySlice<UInt8>) -> Int? {
        guard !value.isEmpty, value.count <= maxLengthDigits, value.allSatisfy({ (0x30...0x39).contains($0) })
        else { return nil }
        return value.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// The lower-cased `charset` parameter of a Content-Type value, without quotes.
    private static func charset(in value: ArraySlice<UInt8>) -> String? {
        let text = String(decoding: value.map(ASCII.lowercased), as: UTF8.self)
        for parameter in text.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingSpaces() == "charset" else { continue }
            return String(parts[1].trimmingSpaces().filter { $0 != "\"" })
        }
        return nil
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, first == ASCII.space || first == ASCII.tab { slice.removeFirst() }
        while let last = slice.last, last == ASCII.space || last == ASCII.tab { slice.removeLast() }
        return slice
    }

    /// Up to 60 bytes of a header for an error message, with non-printable bytes escaped.
    static func printable(_ bytes: ArraySlice<UInt8>) -> String {
        var text = ""
        for byte in bytes.prefix(60) {
            if (0x20...0x7E).contains(byte) {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += "\\x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return bytes.count > 60 ? text + "..." : text
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var slice = self
        while slice.first == " " || slice.first == "\t" { slice.removeFirst() }
        while slice.last == " " || slice.last == "\t" { slice.removeLast() }
        return slice
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
