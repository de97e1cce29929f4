import CICU

/// Pipeline step 2: NFKC_Casefold, then typographic apostrophes mapped to `'`.
///
/// NFKC_Casefold folds case (`Straße` -> `strasse`), compatibility forms (ligatures,
/// full-width letters) and drops default ignorables, so every spelling of a word meets one term.
/// It does not unify apostrophes, which is why `body’s` needs the extra mapping to meet `body's`.
struct TermNormalizer {
    /// Writes the normalized form of `source` (UTF-8) into `term`, replacing its contents.
    func normalize(_ source: UnsafeBufferPointer<UInt8>, into term: inout [UInt8]) {
        term.removeAll(keepingCapacity: true)
        if source.allSatisfy({ $0 < 0x80 }) {
            term.append(contentsOf: repeatElement(0, count: source.count))
            _ = term.withUnsafeMutableBufferPointer { Self.lowercaseASCII(source, into: $0) }
            return
        }
        var capacity = max(source.count * 2, 32)
        while true {
            term.append(contentsOf: repeatElement(0, count: capacity))
            var needed: Int32 = 0
            var error = cicu_error()
            let status = term.withUnsafeMutableBufferPointer { out in
                source.withMemoryRebound(to: CChar.self) { text in
                    out.withMemoryRebound(to: CChar.self) { outChars in
                        cicu_nfkc_casefold(
                            text.baseAddress, Int32(source.count), outChars.baseAddress,
                            Int32(capacity), &needed, &error)
                    }
                }
            }
            if status == Int32(CICU_ERR_BUFFER_TOO_SMALL.rawValue) {
                term.removeAll(keepingCapacity: true)
                capacity = Int(needed)
                continue
            }
            // Input comes from a Swift String (valid UTF-8), so only ICU itself can fail here.
            precondition(
                status == Int32(CICU_OK.rawValue),
                "NFKC_Casefold failed: \(ICUBreaker.message(of: error))")
            term.removeLast(capacity - Int(needed))
            break
        }
        Self.mapApostrophes(&term)
    }

    /// The fast path for ASCII tokens, most English text: NFKC_Casefold only lowercases A-Z
    /// there, so ICU is not needed. Writes `source.count` bytes to `out`; returns false (with
    /// `out` partly written) if `source` is not ASCII.
    static func lowercaseASCII(
        _ source: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>
    ) -> Bool {
        precondition(out.count >= source.count, "output buffer shorter than the token")
        for index in source.indices {
            let byte = source[index]
            guard byte < 0x80 else { return false }
            out[index] = byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
        }
        return true
    }

    /// Replaces ’ ‘ ʼ ′ ＇ with `'` in place.
    static func mapApostrophes(_ term: inout [UInt8]) {
        guard term.contains(where: { $0 == 0xE2 || $0 == 0xCA || $0 == 0xEF }) else { return }
        var read = 0
        var write = 0
        let count = term.count
        while read < count {
            let width = apostropheWidth(term, at: read)
            if width > 0 {
                term[write] = UInt8(ascii: "'")
                read += width
            } else {
                term[write] = term[read]
                read += 1
            }
            write += 1
        }
        term.removeLast(count - write)
    }

    /// The byte length of a typographic apostrophe starting at `i`, or 0.
    private static func apostropheWidth(_ bytes: [UInt8], at i: Int) -> Int {
        let remaining = bytes.count - i
        switch bytes[i] {
        case 0xE2 where remaining >= 3 && bytes[i + 1] == 0x80:
            // U+2018 ‘, U+2019 ’, U+2032 ′
            switch bytes[i + 2] {
            case 0x98, 0x99, 0xB2: return 3
            default: return 0
            }
        case 0xCA where remaining >= 2 && bytes[i + 1] == 0xBC:
            return 2  // U+02BC ʼ
        case 0xEF where remaining >= 3 && bytes[i + 1] == 0xBC && bytes[i + 2] == 0x87:
            return 3  // U+FF07 ＇ (NFKC already maps it; kept for normalize() callers)
        default:
            return 0
        }
    }
}
