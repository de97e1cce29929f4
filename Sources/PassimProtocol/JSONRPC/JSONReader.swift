/// Reads JSON straight from bytes, value by value: the reading half of ``JSONBytes``.
///
/// A one-shot client decodes the daemon's largest answers (a search of 1,000 hits is most of a
/// megabyte), and `JSONDecoder` spends most of a fresh process's time on them: building coding
/// paths, boxing values and, the first time each type is seen, looking up its conformances.
/// Types that conform to ``JSONReadable`` read themselves here instead, with the same result
/// `JSONDecoder` gives for their `Decodable` conformance (a test compares the two).
///
/// What it reads it reads strictly (RFC 8259): white space only between tokens, no trailing
/// commas, strings valid UTF-8 without raw control characters, numbers in JSON's grammar. What
/// a reader does not ask for it skips with ``skipValue()``, checked just as strictly.
public struct JSONReader {
    /// Values nested deeper than this are refused, so a hostile message cannot exhaust the stack.
    public static let maxDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next byte to read.
    public private(set) var offset: Int
    private var depth = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        offset = 0
    }

    /// Runs `body` on a reader of `bytes`, then checks that only white space follows what it read.
    public static func read<Value>(
        _ bytes: [UInt8], _ body: (inout JSONReader) throws(JSONReadError) -> Value
    ) throws(JSONReadError) -> Value {
        try read(bytes[...], body)
    }

    /// Runs `body` on a reader of `bytes`, then checks that only white space follows what it read.
    public static func read<Value>(
        _ bytes: ArraySlice<UInt8>, _ body: (inout JSONReader) throws(JSONReadError) -> Value
    ) throws(JSONReadError) -> Value {
        let outcome = bytes.withUnsafeBufferPointer { buffer -> Result<Value, JSONReadError> in
            var reader = JSONReader(bytes: buffer)
            do throws(JSONReadError) {
                let value = try body(&reader)
                reader.skipSpace()
                guard reader.offset == buffer.count else { throw reader.failure("more after the end of the value") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// Reads a whole value of a type that reads itself.
    public mutating func read<Value: JSONReadable>(_ type: Value.Type = Value.self) throws(JSONReadError) -> Value {
        try Value(json: &self)
    }

    /// Reads an object, calling `member` with each key; `member` must read (or skip) its value.
    public mutating func readObject(
        _ member: (inout JSONReader, String) throws(JSONReadError) -> Void
    ) throws(JSONReadError) {
        try expect(UInt8(ascii: "{"), "an object")
        try descend()
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            offset += 1
            depth -= 1
            return
        }
        while true {
            skipSpace()
            guard peek() == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let key = try readString()
            skipSpace()
            try expect(UInt8(ascii: ":"), "`:` after a key")
            try member(&self, key)
            skipSpace()
            switch peek() {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "}"):
                offset += 1
                depth -= 1
                return
            default: throw failure("expected `,` or `}` in an object")
            }
        }
    }

    /// Reads an array, calling `element` once per element; `element` must read (or skip) it.
    public mutating func readArray(_ element: (inout JSONReader) throws(JSONReadError) -> Void) throws(JSONReadError) {
        try expect(UInt8(ascii: "["), "an array")
        try descend()
        skipSpace()
        if peek() == UInt8(ascii: "]") {
            offset += 1
            depth -= 1
            return
        }
        while true {
            try element(&self)
            skipSpace()
            switch peek() {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "]"):
                offset += 1
                depth -= 1
                return
            default: throw failure("expected `,` or `]` in an array")
            }
        }
    }

    /// Reads an array of values that read themselves.
    public mutating func readArray<Element: JSONReadable>(
        of type: Element.Type = Element.self
    ) throws(JSONReadError) -> [Element] {
        var elements: [Element] = []
        try readArray { reader throws(JSONReadError) in elements.append(try Element(json: &reader)) }
        return elements
    }

    /// Reads an array of strings.
    public mutating func readStrings() throws(JSONReadError) -> [String] {
        var strings: [String] = []
        try readArray { reader throws(JSONReadError) in strings.append(try reader.readString()) }
        return strings
    }

    /// The kinds of JSON value.
    public enum Kind: Sendable, Hashable {
        case object, array, string, number, bool, null
    }

    /// The kind of the value that comes next, by its first byte; reads nothing.
    public mutating func nextKind() throws(JSONReadError) -> Kind {
        skipSpace()
        switch peek() ?? 0 {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw failure("expected a value")
        }
    }

    /// Consumes `null` and returns true when it comes next; otherwise reads nothing.
    public mutating func readNull() throws(JSONReadError) -> Bool {
        skipSpace()
        guard peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    /// Reads `true` or `false`.
    public mutating func readBool() throws(JSONReadError) -> Bool {
        skipSpace()
        switch peek() {
        case UInt8(ascii: "t"):
            try literal("true")
            return true
        case UInt8(ascii: "f"):
            try literal("false")
            return false
        default: throw failure("expected true or false")
        }
    }

    /// Reads a number that is an integer (`3`, `-12`, or `3.0` and `3e2`, as `JSONDecoder`
    /// accepts them).
    public mutating func readInt() throws(JSONReadError) -> Int {
        skipSpace()
        let start = offset
        let isInteger = try scanNumber()
        if isInteger, let value = JSONText.integer(start..<offset, in: bytes) { return value }
        let double = try number(start..<offset)
        guard let value = Int(exactly: double) else {
            offset = start
            throw failure("expected an integer that fits in 64 bits")
        }
        return value
    }

    /// Reads any number as a `Double`.
    public mutating func readDouble() throws(JSONReadError) -> Double {
        skipSpace()
        let start = offset
        _ = try scanNumber()
        return try number(start..<offset)
    }

    /// Reads a string, its escapes resolved.
    public mutating func readString() throws(JSONReadError) -> String {
        skipSpace()
        try expect(UInt8(ascii: "\""), "a string")
        let start = offset
        let (end, ascii) = JSONText.plainRun(in: bytes, from: start)
        offset = end
        // The common case, a string without escapes, is made from the bytes where they lie.
        guard peek() == UInt8(ascii: "\"") else { return try escapedString(from: start) }
        let text = UnsafeBufferPointer(rebasing: bytes[start..<offset])
        guard ascii || JSONText.isValidUTF8(text) else {
            offset = start
            throw failure("a string that is not valid UTF-8")
        }
        offset += 1
        return String(decoding: text, as: UTF8.self)
    }

    /// Skips one value of any kind, checking it as strictly as reading it would; returns where
    /// it lies (offsets from the start of the bytes being read).
    @discardableResult
    public mutating func skipValue() throws(JSONReadError) -> Range<Int> {
        skipSpace()
        let start = offset
        // A loop over an explicit stack of open containers, not recursion through
        // `readObject`: skipping is how a client steps over a megabyte it does not read.
        var open: [UInt8] = []
        var valueDone = false
        while true {
            if valueDone && open.isEmpty { return start..<offset }
            skipSpace()
            if valueDone, let container = open.last {
                switch peek() {
                case UInt8(ascii: ","):
                    offset += 1
                    if container == UInt8(ascii: "{") { try skipKey() }
                    valueDone = false
                case container &+ 2:
                    // `}` follows `{`, and `]` follows `[`, two code points on.
                    offset += 1
                    open.removeLast()
                default:
                    throw failure(
                        container == UInt8(ascii: "{")
                            ? "expected `,` or `}` in an object" : "expected `,` or `]` in an array")
                }
                continue
            }
            switch peek() {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let container = bytes[offset]
                offset += 1
                guard open.count < Self.maxDepth else { throw failure("values nested more than \(Self.maxDepth) deep") }
                open.append(container)
                skipSpace()
                if peek() == container &+ 2 {
                    offset += 1
                    open.removeLast()
                    valueDone = true
                } else if container == UInt8(ascii: "{") {
                    try skipKey()
                }
            case UInt8(ascii: "\""):
                try skipString()
                valueDone = true
            case UInt8(ascii: "t"), UInt8(ascii: "f"):
                _ = try readBool()
                valueDone = true
            case UInt8(ascii: "n"):
                try literal("null")
                valueDone = true
            case nil: throw failure("expected a value, found the end")
            default:
                _ = try scanNumber()
                valueDone = true
            }
        }
    }

    /// A failure at the current offset.
    public func failure(_ problem: String) -> JSONReadError {
        JSONReadError(offset: offset, problem: problem)
    }

    // MARK: - Tokens

    private func peek() -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    private mutating func skipSpace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): offset += 1
            default: return
            }
        }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(JSONReadError) {
        skipSpace()
        guard peek() == byte else { throw failure("expected \(what)") }
        offset += 1
    }

    private mutating func descend() throws(JSONReadError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw failure("values nested more than \(Self.maxDepth) deep") }
    }

    private mutating func literal(_ word: StaticString) throws(JSONReadError) {
        let count = word.utf8CodeUnitCount
        let matches =
            offset + count <= bytes.count
            && word.withUTF8Buffer { expected in
                (0..<count).allSatisfy { bytes[offset + $0] == expected[$0] }
            }
        guard matches else { throw failure("expected `\(word)`") }
        offset += count
    }

    /// Moves past a number in JSON's grammar; true when it has neither fraction nor exponent.
    private mutating func scanNumber() throws(JSONReadError) -> Bool {
        let start = offset
        if peek() == UInt8(ascii: "-") { offset += 1 }
        switch peek() ?? 0 {
        case UInt8(ascii: "0"): offset += 1
        case UInt8(ascii: "1")...UInt8(ascii: "9"): skipDigits()
        default:
            offset = start
            throw failure("expected a value")
        }
        var isInteger = true
        if peek() == UInt8(ascii: ".") {
            offset += 1
            guard try digitsFollow() else { throw failure("expected a digit after `.`") }
            isInteger = false
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            offset += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { offset += 1 }
            guard try digitsFollow() else { throw failure("expected a digit in the exponent") }
            isInteger = false
        }
        return isInteger
    }

    private mutating func skipDigits() {
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { offset += 1 }
    }

    private mutating func digitsFollow() throws(JSONReadError) -> Bool {
        let start = offset
        skipDigits()
        return offset > start
    }

    private func number(_ range: Range<Int>) throws(JSONReadError) -> Double {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw JSONReadError(offset: range.lowerBound, problem: "a number out of range: \(text)")
        }
        return value
    }

    /// Moves past a key and its colon.
    private mutating func skipKey() throws(JSONReadError) {
        skipSpace()
        guard peek() == UInt8(ascii: "\"") else { throw failure("expected a key") }
        try skipString()
        try expect(UInt8(ascii: ":"), "`:` after a key")
    }

    private mutating func skipString() throws(JSONReadError) {
        try expect(UInt8(ascii: "\""), "a string")
        let start = offset
        let (end, ascii) = JSONText.plainRun(in: bytes, from: start)
        offset = end
        guard peek() == UInt8(ascii: "\"") else {
            _ = try escapedString(from: start)
            return
        }
        // Skipped text is checked too, so what is passed on is always valid JSON; text that is
        // all ASCII is valid UTF-8 without a look.
        if !ascii, !JSONText.isValidUTF8(UnsafeBufferPointer(rebasing: bytes[start..<offset])) {
            offset = start
            throw failure("a string that is not valid UTF-8")
        }
        offset += 1
    }

    /// The string that starts at `start` (just past its opening quote), escapes and all.
    private mutating func escapedString(from start: Int) throws(JSONReadError) -> String {
        var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<offset]))
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                guard utf8.withUnsafeBufferPointer(JSONText.isValidUTF8) else {
                    offset = start
                    throw failure("a string that is not valid UTF-8")
                }
                offset += 1
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                offset += 1
                try escape(into: &utf8)
            case 0..<0x20:
                throw failure("a raw control character in a string (escape it)")
            default:
                utf8.append(byte)
                offset += 1
            }
        }
        throw failure("a string without its closing quote")
    }

    /// Resolves the escape after a backslash.
    private mutating func escape(into utf8: inout [UInt8]) throws(JSONReadError) {
        guard let letter = peek() else { throw failure("a string without its closing quote") }
        offset += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(letter)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hexQuad()
            if (0xD800..<0xDC00).contains(scalar) {
                guard peek() == UInt8(ascii: "\\"), offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "u")
                else { throw failure("a high surrogate escape without its low half") }
                offset += 2
                let low = try hexQuad()
                guard (0xDC00..<0xE000).contains(low) else {
                    throw failure("a high surrogate escape without its low half")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw failure("a low surrogate escape without its high half")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw failure("an escape that is no character") }
            utf8.append(contentsOf: UTF8.encode(unicode).map(Array.init) ?? [])
        default:
            offset -= 1
            throw failure("an unknown escape")
        }
    }

    private mutating func hexQuad() throws(JSONReadError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw failure("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }
}
