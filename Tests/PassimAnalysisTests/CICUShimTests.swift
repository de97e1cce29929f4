import CICU
import Testing

/// The C shim directly: invalid UTF-8 (which a Swift String can never hold) and buffer sizing.
@Suite struct CICUShimTests {
    static let invalidUTF8: [(name: String, bytes: [UInt8], offset: Int)] = [
        ("lone continuation byte", [0x61, 0x80], 1),
        ("0xFF", [0x61, 0x62, 0x63, 0xFF], 3),
        ("overlong slash", [0xC0, 0xAF], 0),
        ("overlong three-byte", [0xE0, 0x80, 0xAF], 0),
        ("UTF-16 surrogate", [0x61, 0xED, 0xA0, 0x80], 1),
        ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80], 0),
        ("truncated sequence", [0x61, 0x20, 0xE2, 0x80], 2),
    ]

    private func segment(
        _ bytes: [UInt8], kind: cicu_break_kind = CICU_BREAK_WORD, capacity: Int32 = 64
    )
        -> (status: Int32, count: Int32, segments: [cicu_segment], error: cicu_error)
    {
        var error = cicu_error()
        let breaker = cicu_breaker_open(kind, "en", &error)
        defer { cicu_breaker_close(breaker) }
        var out = [cicu_segment](repeating: cicu_segment(), count: Int(capacity))
        var count: Int32 = 0
        let status = bytes.withUnsafeBufferPointer { text in
            text.withMemoryRebound(to: CChar.self) { chars in
                cicu_breaker_segment(
                    breaker, chars.baseAddress, Int32(bytes.count), &out, capacity, &count, &error)
            }
        }
        return (status, count, Array(out.prefix(Int(min(count, capacity)))), error)
    }

    private func casefold(_ bytes: [UInt8], capacity: Int32 = 64)
        -> (status: Int32, output: String, needed: Int32, error: cicu_error)
    {
        var error = cicu_error()
        var out = [CChar](repeating: 0, count: Int(capacity))
        var needed: Int32 = 0
        let status = bytes.withUnsafeBufferPointer { text in
            text.withMemoryRebound(to: CChar.self) { chars in
                cicu_nfkc_casefold(
                    chars.baseAddress, Int32(bytes.count), &out, capacity, &needed, &error)
            }
        }
        let written = out.prefix(status == 0 ? Int(needed) : 0).map { UInt8(bitPattern: $0) }
        return (status, String(decoding: written, as: UTF8.self), needed, error)
    }

    private func message(_ error: cicu_error) -> String {
        withUnsafeBytes(of: error.message) {
            String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    @Test(arguments: invalidUTF8)
    func invalidUTF8IsRejected(_ input: (name: String, bytes: [UInt8], offset: Int)) {
        for kind in [CICU_BREAK_WORD, CICU_BREAK_SENTENCE] {
            let result = segment(input.bytes, kind: kind)
            #expect(result.status == Int32(CICU_ERR_INVALID_UTF8.rawValue), "\(input.name)")
            #expect(result.error.status == Int32(CICU_ERR_INVALID_UTF8.rawValue))
            #expect(
                message(result.error) == "invalid UTF-8 at byte offset \(input.offset)",
                "\(input.name)")
        }
        let folded = casefold(input.bytes + [0xC3])  // a non-ASCII byte forces the ICU path
        #expect(folded.status == Int32(CICU_ERR_INVALID_UTF8.rawValue), "\(input.name)")
    }

    /// Offsets are UTF-8 bytes, across 2-, 3- and 4-byte scalars (a UTF-16 surrogate pair).
    @Test func offsetsAreUTF8Bytes() {
        let text = "é 𝐀b 血"
        let result = segment(Array(text.utf8))
        #expect(result.status == 0)
        let spans = result.segments.map { [$0.start, $0.end, $0.status] }
        #expect(spans == [[0, 2, 200], [2, 3, 0], [3, 8, 200], [8, 9, 0], [9, 12, 400]])
    }

    @Test func emptyTextHasNoSegments() {
        let result = segment([])
        #expect(result.status == 0 && result.count == 0)
    }

    @Test func tooSmallSegmentBufferReportsTheCount() {
        let small = segment(Array("a b c".utf8), capacity: 2)
        #expect(small.status == Int32(CICU_ERR_BUFFER_TOO_SMALL.rawValue))
        #expect(small.count == 5)
        let exact = segment(Array("a b c".utf8), capacity: 5)
        #expect(exact.status == 0 && exact.count == 5)
    }

    @Test func casefoldFitsOrSaysWhatItNeeds() {
        #expect(casefold(Array("Straße".utf8)).output == "strasse")
        #expect(casefold(Array("ﬁ ＡＢ".utf8)).output == "fi ab")
        #expect(casefold(Array("MIXED case".utf8)).output == "mixed case")
        let small = casefold(Array("Straße".utf8), capacity: 3)
        #expect(small.status == Int32(CICU_ERR_BUFFER_TOO_SMALL.rawValue) && small.needed == 7)
        let exact = casefold(Array("Straße".utf8), capacity: 7)
        #expect(exact.status == 0 && exact.output == "strasse")
        let asciiSmall = casefold(Array("ABCDEF".utf8), capacity: 3)
        #expect(
            asciiSmall.status == Int32(CICU_ERR_BUFFER_TOO_SMALL.rawValue) && asciiSmall.needed == 6
        )
        // Longer than the shim's stack buffers (128 UTF-16 units).
        let long = String(repeating: "ΣΑ", count: 200)
        #expect(
            casefold(Array(long.utf8), capacity: 2_000).output
                == String(repeating: "σα", count: 200))
        // NFKC first: the compatibility digraph Ǆ becomes two letters.
        #expect(casefold(Array("Ǆ".utf8)).output == "dž")
    }

    /// The ASCII shortcuts (in the shim and in TermNormalizer) agree with ICU itself: a leading
    /// `é` forces the ICU path for every ASCII character after it.
    @Test func asciiShortcutAgreesWithICU() {
        for byte in UInt8(0)..<0x80 {
            let viaICU = casefold(Array("é".utf8) + [byte])
            let expected = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            #expect(viaICU.status == 0)
            #expect(Array(viaICU.output.utf8) == Array("é".utf8) + [expected], "byte \(byte)")
            #expect(Array(casefold([byte]).output.utf8) == [expected], "byte \(byte)")
        }
    }

    @Test func unknownBreakKindIsAnError() {
        var error = cicu_error()
        let breaker = cicu_breaker_open(cicu_break_kind(rawValue: 7), "en", &error)
        #expect(breaker == nil)
        #expect(error.status == Int32(CICU_ERR_ICU.rawValue))
        #expect(message(error) == "unknown cicu_break_kind")
    }

    @Test func versionIsICU72() {
        #expect(String(cString: cicu_version()).hasPrefix("72."))
    }
}
