extension PositionEncoding {
    /// How many code units of this encoding the UTF-8 bytes hold. The bytes must be whole
    /// characters of valid UTF-8 (Passim indexes nothing else).
    public func units(inUTF8 bytes: some Collection<UInt8>) -> Int {
        switch self {
        case .utf8:
            return bytes.count
        case .utf16:
            // One unit per character, two for the 4-byte ones (a surrogate pair).
            return bytes.reduce(0) { count, byte in count + (UTF8.isContinuation(byte) ? 0 : (byte >= 0xF0 ? 2 : 1)) }
        case .utf32:
            return bytes.reduce(0) { count, byte in count + (UTF8.isContinuation(byte) ? 0 : 1) }
        }
    }

    /// Converts a UTF-8 byte offset into `text` to this encoding.
    public func offset(ofUTF8Offset offset: Int, in text: String) throws(PositionConversionError) -> Int {
        let utf8 = Array(text.utf8)
        try UTF8Position.check(offset, in: utf8[...])
        return units(inUTF8: utf8[..<offset])
    }
}

/// Checks that UTF-8 offsets fall on character boundaries.
enum UTF8Position {
    /// Throws unless `offset` is in `0...bytes.count` and not inside a character.
    static func check(_ offset: Int, in bytes: ArraySlice<UInt8>) throws(PositionConversionError) {
        guard offset >= 0, offset <= bytes.count else {
            throw .offsetOutOfRange(offset: offset, length: bytes.count)
        }
        let index = bytes.startIndex + offset
        if index < bytes.endIndex, UTF8.isContinuation(bytes[index]) {
            throw .notCharacterBoundary(offset: offset)
        }
    }
}
