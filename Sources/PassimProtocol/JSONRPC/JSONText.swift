/// The byte-level rules of JSON text that `JSONBytes` and `JSONReader` share: where the plain
/// text of a string ends (the first quote, backslash or control character, the bytes both must
/// treat one by one), whether bytes are UTF-8, the digits of an integer.
///
/// Passage texts are most of a large search answer, and nearly all of their bytes are plain,
/// so the scan looks at eight bytes at a time and at single bytes only around the others.
enum JSONText {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The offset of the first quote, backslash or control character in `bytes` at or after
    /// `start` (`bytes.count` when there is none), and whether every byte before it is ASCII.
    @inline(__always)
    static func plainRun(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, ascii: Bool) {
        guard let base = bytes.baseAddress else { return (start, true) }
        let count = bytes.count
        var index = start
        var ascii = true
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            // With no byte at or above 0x80, the classic has-zero-byte tests are exact.
            if word & highs == 0 && !hasZeroByte(word ^ (ones &* 0x22)) && !hasZeroByte(word ^ (ones &* 0x5C))
                && (word &- ones &* 0x20) & ~word & highs == 0
            {
                index += 8
                continue
            }
            for _ in 0..<8 {
                let byte = base[index]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return (index, ascii) }
                if byte >= 0x80 { ascii = false }
                index += 1
            }
        }
        while index < count {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return (index, ascii) }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        return (index, ascii)
    }

    @inline(__always)
    private static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- ones) & ~word & highs != 0
    }

    /// Whether `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates,
    /// nothing past U+10FFFF). Checked here, without making a `String`, because the standard
    /// library's validating initializer is generic over the encoding and slow to call per string.
    static func isValidUTF8(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = text.count
        func continuation(_ offset: Int) -> Bool { text[index + offset] & 0xC0 == 0x80 }
        while index < count {
            let lead = text[index]
            switch lead {
            case 0..<0x80:
                index += 1
            case 0xC2..<0xE0:
                guard index + 1 < count, continuation(1) else { return false }
                index += 2
            case 0xE0..<0xF0:
                guard index + 2 < count, continuation(1), continuation(2) else { return false }
                let second = text[index + 1]
                if lead == 0xE0 && second < 0xA0 || lead == 0xED && second >= 0xA0 { return false }
                index += 3
            case 0xF0..<0xF5:
                guard index + 3 < count, continuation(1), continuation(2), continuation(3) else { return false }
                let second = text[index + 1]
                if lead == 0xF0 && second < 0x90 || lead == 0xF4 && second >= 0x90 { return false }
                index += 4
            default:
                return false
            }
        }
        return true
    }

    /// The integer spelled by the ASCII digits (and leading `-`) in `range`, or nil on overflow.
    static func integer(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = range.lowerBound
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var value = 0
        while index < range.upperBound {
            let digit = Int(bytes[index] &- UInt8(ascii: "0"))
            // Accumulated negatively, so Int.min fits.
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (next, underflow) = shifted.subtractingReportingOverflow(digit)
            guard !overflow, !underflow else { return nil }
            value = next
            index += 1
        }
        if negative { return value }
        return value == .min ? nil : -value
    }
}
