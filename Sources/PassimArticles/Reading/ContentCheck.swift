/// Checks that a file's bytes are article text: not empty, not binary, UTF-8.
enum ContentCheck {
    /// Throws the first problem found, in the order a user would want to hear about it:
    /// an empty file, then a binary one (a PDF is "binary", not "bad UTF-8 at byte 11"),
    /// then UTF-16, then the first byte that is not UTF-8.
    static func validate(_ bytes: [UInt8], path: String, requiringUTF8: Bool = true) throws(ArticleError) {
        let body = SourceText.hasByteOrderMark(bytes) ? bytes[3...] : bytes[...]
        if body.allSatisfy(isASCIISpace) {
            throw ArticleError(path: path, reason: .empty)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw ArticleError(path: path, reason: .utf16)
        }
        if isBinary(body) {
            throw ArticleError(path: path, reason: .binary)
        }
        if requiringUTF8, let offset = firstInvalidUTF8(bytes) {
            let (line, column) = position(of: offset, in: bytes)
            let reason = ArticleError.Reason.invalidUTF8(
                byteOffset: offset, line: line, column: column, byte: bytes[offset])
            throw ArticleError(path: path, reason: reason)
        }
    }

    static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// A NUL byte anywhere, or more than 10% control bytes other than tab, line feed, form feed
    /// and carriage return.
    static func isBinary(_ bytes: ArraySlice<UInt8>) -> Bool {
        var controls = 0
        for byte in bytes {
            if byte == 0 { return true }
            if (byte < 0x20 && !isASCIISpace(byte)) || byte == 0x7F { controls += 1 }
        }
        return controls * 10 > bytes.count
    }

    /// The offset of the first byte that does not start or continue a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                offset += scalar.count
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }

    /// 1-based line and byte column of an offset.
    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }
}

/// 64-bit FNV-1a, a fast fingerprint for change detection (not a security checksum).
///
/// Public so ingestion can skip an unchanged file without parsing it: the value equals the
/// `contentHash` the parser puts in the file's `Article`. Bytes can be added in pieces (a JSON
/// Lines import hashes an article line by line); the result is the hash of all of them in order.
public struct FNV1a: Sendable {
    @usableFromInline var state: UInt64 = 0xcbf2_9ce4_8422_2325

    /// An empty hash.
    public init() {}

    /// Adds `bytes` to the hashed input. Inlinable, so callers in other modules get a loop
    /// specialized for their collection (a JSON Lines import hashes every byte it reads).
    @inlinable
    public mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            state ^= UInt64(byte)
            state &*= 0x0000_0100_0000_01B3
        }
    }

    /// The hash of everything added.
    public var value: UInt64 { state }

    /// The hash as 16 lower-case hex digits.
    public var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The 64-bit hash of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> UInt64 {
        var hash = FNV1a()
        hash.add(bytes)
        return hash.value
    }

    /// The hash of `bytes` as 16 lower-case hex digits.
    public static func hex(_ bytes: [UInt8]) -> String {
        var hash = FNV1a()
        hash.add(bytes)
        return hash.hex
    }
}
