/// Compact JSON written straight into bytes, for the messages the daemon sends most.
///
/// Foundation's `JSONEncoder` builds a tree of boxed values and then serializes it; for a search
/// answer (ten hits with their highlights) that was a fifth of the daemon's CPU, more than the
/// search. Types on the hot path conform to ``JSONBytesWritable`` and write themselves here with
/// their keys in sorted order, so the bytes are exactly `JSONEncoder`'s with `.sortedKeys` and
/// `.withoutEscapingSlashes` (a test compares the two on random values). Everything else still
/// goes through `JSONEncoder`.
public struct JSONBytes: Sendable {
    /// The JSON written so far.
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = []

    /// An empty writer with room for `capacity` bytes.
    public init(capacity: Int = 1_024) {
        bytes.reserveCapacity(capacity)
    }

    /// Writes `{`; keys and values follow, then ``endObject()``.
    public mutating func beginObject() { open(UInt8(ascii: "{")) }

    public mutating func endObject() { close(UInt8(ascii: "}")) }

    /// Writes `[`; values follow, then ``endArray()``.
    public mutating func beginArray() { open(UInt8(ascii: "[")) }

    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes an object key; the caller keeps keys sorted, as `.sortedKeys` would.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        // The value that follows is not an element of its own.
        needsComma[needsComma.count - 1] = false
    }

    public mutating func value(_ string: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            // Runs of bytes that need no escape, nearly all of a passage's text, are copied whole.
            var start = 0
            while true {
                let end = JSONText.plainRun(in: utf8, from: start).end
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<end]))
                guard end < utf8.count else { break }
                bytes.append(contentsOf: Self.escape(utf8[end]))
                start = end + 1
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func value(_ bool: Bool) {
        separate()
        bytes.append(contentsOf: (bool ? "true" : "false").utf8)
    }

    public mutating func value(_ int: Int) {
        separate()
        // Digits straight into the bytes, without a `String` for each of the thousands of
        // numbers in a large answer.
        if int < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = int.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var first = digits.count
            repeat {
                first -= 1
                digits[first] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[first...]))
        }
    }

    /// A finite double as `JSONEncoder` writes it: the shortest round-tripping form, without a
    /// trailing `.0`. Callers must not pass NaN or infinities (JSON has no form for them).
    public mutating func value(_ double: Double) {
        precondition(double.isFinite, "JSON cannot carry \(double)")
        separate()
        var text = double.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// An array of strings.
    public mutating func value(_ strings: [String]) {
        beginArray()
        for string in strings { value(string) }
        endArray()
    }

    /// A value that writes itself.
    public mutating func value(_ writable: some JSONBytesWritable) {
        writable.write(to: &self)
    }

    /// An array of values that write themselves.
    public mutating func value(_ writables: [some JSONBytesWritable]) {
        beginArray()
        for writable in writables { writable.write(to: &self) }
        endArray()
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        needsComma.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        needsComma.removeLast()
        bytes.append(bracket)
    }

    private mutating func separate() {
        guard let last = needsComma.last else { return }
        if last { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    /// The escape `JSONEncoder` writes for `byte`: a quote, a backslash or a control character.
    private static func escape(_ byte: UInt8) -> [UInt8] {
        switch byte {
        case UInt8(ascii: "\""): return Array(#"\""#.utf8)
        case UInt8(ascii: "\\"): return Array(#"\\"#.utf8)
        case 0x08: return Array(#"\b"#.utf8)
        case 0x0C: return Array(#"\f"#.utf8)
        case 0x0A: return Array(#"\n"#.utf8)
        case 0x0D: return Array(#"\r"#.utf8)
        case 0x09: return Array(#"\t"#.utf8)
        case 0..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            return Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
        default: return [byte]
        }
    }
}

/// A type that writes its own compact JSON (see ``JSONBytes``), byte for byte what its `Encodable`
/// conformance gives with `.sortedKeys` and `.withoutEscapingSlashes`.
public protocol JSONBytesWritable {
    /// Writes this value as one JSON value.
    func write(to json: inout JSONBytes)
}
