/// Predicates on the shape of a line of text: punctuation, case, length, links.
///
/// The structure of a plain-text article is guessed from these surface signals, so each one
/// is kept small and named for the question it answers.
enum TextShape {
    /// Words that stay lower case in Title Case and that an acronym may skip.
    static let minorWords: Set<String> = [
        "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
        "or", "over", "the", "to", "via", "vs", "with", "&",
    ]

    /// Whitespace, plus the invisible characters editors leave at line edges.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        isWhitespace(scalar) || scalar == "\u{FEFF}" || scalar == "\u{200B}"
    }

    // ASCII answers come first because Unicode property look-ups were 14% of an article
    // ingest's CPU; a test checks they agree with the properties for every ASCII scalar.

    /// Unicode's White_Space.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        return scalar.properties.isWhitespace
    }

    /// A letter or a digit of any script.
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value | 0x20
            return (0x61...0x7A).contains(value) || (0x30...0x39).contains(scalar.value)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    static func hasAlphanumeric(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isAlphanumeric)
    }

    /// Whitespace-separated tokens with a letter or digit (markers and symbols don't count).
    static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0.isWhitespace }).filter { word in
            word.unicodeScalars.contains(where: isAlphanumeric)
        }
    }

    static func wordCount(_ text: String) -> Int {
        var count = 0
        var inWord = false
        var wordHasContent = false
        for scalar in text.unicodeScalars {
            if isWhitespace(scalar) {
                if inWord && wordHasContent { count += 1 }
                inWord = false
                wordHasContent = false
            } else {
                inWord = true
                if isAlphanumeric(scalar) { wordHasContent = true }
            }
        }
        if inWord && wordHasContent { count += 1 }
        return count
    }

    /// The last character that is not a closing quote or bracket: `end.)` and `end."` end in `.`.
    static func terminalCharacter(_ text: String) -> Character? {
        let closers: Set<Character> = ["\"", "'", "”", "’", "»", ")", "]", "*", "_"]
        return text.reversed().first(where: { !closers.contains($0) && !$0.isWhitespace })
    }

    /// True when the text ends like a finished sentence or a lead-in (`.`, `!`, `?`, `:`, `…`).
    static func endsSentence(_ text: String) -> Bool {
        guard let last = terminalCharacter(text) else { return false }
        return [".", "!", "?", ":", "…", "。", "！", "？", "："].contains(last)
    }

    /// True when the text ends with `:` — it introduces what follows.
    static func endsWithColon(_ text: String) -> Bool {
        guard let last = terminalCharacter(text) else { return false }
        return last == ":" || last == "："
    }

    /// True when the first letter of the text is lower case (a wrapped line's continuation).
    static func startsLowercase(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first(where: isAlphanumeric) else { return false }
        return first.properties.isLowercase
    }

    /// Short, unpunctuated text that can name a section: at most `maxWords` words, no
    /// sentence-final `.`, `!`, `:`, `;`, `,` (a question mark is allowed: "What Is PRP?").
    static func isHeadingShaped(
        _ text: String, maxWords: Int = 14, maxBytes: Int = 120, allowingLowercase: Bool = false
    ) -> Bool {
        guard text.utf8.count <= maxBytes, hasAlphanumeric(text), allowingLowercase || !startsLowercase(text) else {
            return false
        }
        let count = wordCount(text)
        guard (1...maxWords).contains(count), let last = terminalCharacter(text) else {
            return false
        }
        return ![".", "!", ":", ";", ",", "…", "。", "！", "：", "；", "，"].contains(last)
    }

    /// True when most significant words are capitalized, as in "Final Thoughts".
    static func isTitleCase(_ text: String) -> Bool {
        let significant = words(text).filter { !minorWords.contains($0.lowercased()) }
        guard !significant.isEmpty else { return false }
        let capitalized = significant.filter { word in
            guard let first = word.unicodeScalars.first(where: isAlphanumeric) else { return false }
            return !first.properties.isLowercase
        }
        return capitalized.count * 5 >= significant.count * 3
    }

    /// True when the text is one link, e.g. `https://example.org/a` or `www.example.org`.
    /// Whether a link target is a web address (not `#section`, `mailto:` or a relative path).
    static func isWebLink(_ target: String) -> Bool {
        hasLinkPrefix(Substring(target))
    }

    static func isBareURL(_ text: String) -> Bool {
        !text.contains(where: { $0.isWhitespace }) && urls(in: text).count == 1
    }

    /// The links in a text (`http://`, `https://`, `www.`), trailing sentence punctuation removed.
    static func urls(in text: String) -> [String] {
        // Most lines hold no link: one pass over the bytes rules that out before splitting.
        guard mayHoldLink(text) else { return [] }
        return text.split(whereSeparator: { $0.isWhitespace }).compactMap { token in
            var candidate = Substring(token)
            while let first = candidate.first, "(<[\"'“".contains(first) { candidate.removeFirst() }
            guard hasLinkPrefix(candidate) else { return nil }
            while let last = candidate.last,
                ".,;:!?\"'”>".contains(last)
                    || (last == ")" && !candidate.contains("(")) || (last == "]" && !candidate.contains("["))
            {
                candidate.removeLast()
            }
            return candidate.count > 4 ? String(candidate) : nil
        }
    }

    /// Whether `text` has `http` or `www.` anywhere, in any case.
    private static func mayHoldLink(_ text: String) -> Bool {
        var previous: (UInt8, UInt8, UInt8) = (0, 0, 0)
        for byte in text.utf8 {
            let lower = byte >= 65 && byte <= 90 ? byte | 0x20 : byte
            if (previous == (104, 116, 116) && lower == 112) || (previous == (119, 119, 119) && lower == 46) {
                return true
            }
            previous = (previous.1, previous.2, lower)
        }
        return false
    }

    /// Whether `token` starts with `http://`, `https://` or `www.`, in any case (checked on
    /// its bytes: lower-casing every word of a long paragraph was most of a huge file's parse).
    private static func hasLinkPrefix(_ token: Substring) -> Bool {
        let lowered = token.utf8.prefix(8).map { $0 | (($0 >= 65 && $0 <= 90) ? 0x20 : 0) }
        return lowered.starts(with: "http://".utf8) || lowered.starts(with: "https://".utf8)
            || lowered.starts(with: "www.".utf8)
    }
}
