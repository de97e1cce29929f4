/// Writes the binary records Passim stores in the index: unsigned LEB128 varints, and strings
/// as a varint byte count followed by their UTF-8 bytes.
struct RecordWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 64) {
        bytes.reserveCapacity(capacity)
    }

    mutating func varint(_ value: Int) {
        precondition(value >= 0, "record numbers are never negative")
        var rest = UInt(value)
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func string(_ value: String) {
        varint(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    /// A signed number, zigzag-encoded as a varint.
    mutating func signed(_ value: Int64) {
        varint(Int((value << 1) ^ (value >> 63)))
    }

    /// Raw bytes after their count.
    mutating func blob(_ value: [UInt8]) {
        varint(value.count)
        bytes.append(contentsOf: value)
    }

    /// Bytes with no count before them: only as a record's last field.
    mutating func rest(_ value: String) {
        bytes.append(contentsOf: value.utf8)
    }
}

/// Reads what ``RecordWriter`` wrote; every read answers nil past the end or on malformed bytes.
struct RecordReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// True when every byte has been read.
    var atEnd: Bool { offset == bytes.count }

    mutating func byte() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func varint() -> Int? {
        var value: UInt = 0
        var shift: UInt = 0
        while let byte = byte() {
            guard shift < 63 else { return nil }
            value |= UInt(byte & 0x7F) << shift
            if byte < 0x80 { return Int(exactly: value) }
            shift += 7
        }
        return nil
    }

    mutating func string() -> String? {
        guard let count = varint() else { return nil }
        return string(count: count)
    }

    mutating func string(count: Int) -> String? {
        guard count <= bytes.count - offset else { return nil }
        defer { offset += count }
        return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
    }

    /// A number ``RecordWriter/signed(_:)`` wrote.
    mutating func signed() -> Int64? {
        guard let raw = varint() else { return nil }
        let value = UInt64(raw)
        return Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }

    /// Bytes ``RecordWriter/blob(_:)`` wrote.
    mutating func blob() -> [UInt8]? {
        guard let count = varint(), count <= bytes.count - offset else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// The remaining bytes as a string.
    mutating func rest() -> String {
        defer { offset = bytes.count }
        return String(decoding: bytes[offset...], as: UTF8.self)
    }
}
