/// Finds acronyms that a text defines, in the manner of Schwartz & Hearst (2003).
///
/// Three patterns: "long form (SF)", "long form, or SF" and "SF (long form)". The short form is
/// one token of 2–10 characters, mostly capitals, maybe with a plural `s` ("MSCs"). It is
/// accepted only when its letters can be read off the long form: the first letter of each word
/// in order (hyphens separate words: "post-inflammatory hyperpigmentation (PIH)"), optionally
/// more letters from inside a word ("extracellular matrix (ECM)"), small words optional. Every
/// other word of the long form must contribute, so "(Depressed Scars)" or "(scaffolds)"
/// define nothing.
enum AcronymFinder {
    /// The acronyms defined in `text`, in order of appearance, each definition once.
    static func definitions(in text: String) -> [Acronym] {
        // Most passages define nothing: one pass over the bytes decides which patterns can
        // occur at all, before any walk over Characters (which was 8% of a JSONL import).
        let (parenthesis, comma) = markers(in: text)
        guard parenthesis || comma else { return [] }
        var found: [Acronym] = []
        var seen: Set<String> = []
        for candidate in (parenthesis ? parenthesized(text) : []) + (comma ? orForms(text) : []) {
            let key = candidate.short + "\u{0}" + candidate.long.lowercased()
            if seen.insert(key).inserted { found.append(candidate) }
        }
        return found
    }

    /// Whether `text` has a `(` and whether it has `, or `.
    private static func markers(in text: String) -> (parenthesis: Bool, commaOr: Bool) {
        var parenthesis = false
        var commaOr = false
        let pattern = Array(", or ".utf8)
        var matched = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "(") { parenthesis = true }
            if byte == pattern[matched] {
                matched += 1
                if matched == pattern.count {
                    commaOr = true
                    matched = 0
                }
            } else {
                matched = byte == pattern[0] ? 1 : 0
            }
            if parenthesis && commaOr { break }
        }
        return (parenthesis, commaOr)
    }

    /// "long form (SF)" and "SF (long form)".
    private static func parenthesized(_ text: String) -> [Acronym] {
        var found: [Acronym] = []
        var index = text.startIndex
        while let open = text[index...].firstIndex(of: "(") {
            guard let close = text[open...].firstIndex(of: ")") else { break }
            index = text.index(after: open)
            let inside = text[text.index(after: open)..<close]
            let head = inside.prefix(while: { $0 != "," && $0 != ";" })
                .trimmingCharacters(where: { $0.isWhitespace })
            if let short = shortForm(head), let long = longForm(of: short, before: text[..<open]) {
                found.append(Acronym(short: String(head), long: long))
                continue
            }
            let before = text[..<open].trimmingCharacters(where: { $0.isWhitespace })
            let token = before.reversed().prefix(while: { !$0.isWhitespace && $0 != "(" })
            let shortText = String(token.reversed())
            let words = words(of: inside)
            if let short = shortForm(Substring(shortText)), !words.isEmpty,
                words.count <= short.count + 5, matches(short, words[...])
            {
                found.append(Acronym(short: shortText, long: longText(words[...], in: inside)))
            }
        }
        return found
    }

    /// "long form, or SF".
    private static func orForms(_ text: String) -> [Acronym] {
        var found: [Acronym] = []
        var searchStart = text.startIndex
        while let match = text[searchStart...].firstRange(of: ", or ") {
            searchStart = match.upperBound
            let token = text[match.upperBound...].prefix(while: { $0.isLetter || $0.isNumber })
            let after = text[token.endIndex...].first
            guard after.map({ $0.isWhitespace || $0.isPunctuation }) ?? true,
                let short = shortForm(token),
                let long = longForm(of: short, before: text[..<match.lowerBound])
            else { continue }
            found.append(Acronym(short: String(token), long: long))
        }
        return found
    }

    /// The letters a short form stands for, lower-cased, or nil if `token` is not one.
    static func shortForm(_ token: Substring) -> [Character]? {
        guard (2...10).contains(token.count), token.first?.isLetter ?? false,
            token.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "&" })
        else { return nil }
        var core = token
        if core.count >= 3, core.last == "s", core.dropLast().last?.isUppercase ?? false {
            core = core.dropLast()
        }
        let upper = core.filter(\.isUppercase).count
        let lower = core.filter(\.isLowercase).count
        guard upper >= 2, upper >= lower else { return nil }
        return core.filter { $0.isLetter || $0.isNumber }.map { Character($0.lowercased()) }
    }

    /// The shortest run of words just before `end` (within its clause) that `short` abbreviates.
    private static func longForm(of short: [Character], before end: Substring) -> String? {
        let stops: Set<Character> = [
            ".", ",", ";", ":", "!", "?", "(", ")", "[", "]", "\"", "“", "”", "\n", "\r\n", "\r",
        ]
        let clauseStart = end.lastIndex(where: { stops.contains($0) }).map(end.index(after:))
        let clause = end[(clauseStart ?? end.startIndex)...]
        let all = words(of: clause)
        let maxWords = min(short.count + 5, short.count * 2)
        for count in 1...max(1, min(maxWords, all.count)) where count <= all.count {
            let window = all[(all.count - count)...]
            if matches(short, window) { return longText(window, in: clause) }
        }
        return nil
    }

    /// Whether `short`'s letters can be assigned in order to `words`: each word that gets
    /// letters gets its initial first (then maybe later letters of it), every word but a minor
    /// one gets at least one letter, and the first word is not skipped.
    static func matches(_ short: [Character], _ words: ArraySlice<Substring>) -> Bool {
        let lowered = words.map { Array($0.lowercased()) }
        func assign(_ letter: Int, _ word: Int) -> Bool {
            if word == lowered.count { return letter == short.count }
            let skippable = word > 0 && TextShape.minorWords.contains(String(lowered[word]))
            if skippable && assign(letter, word + 1) { return true }
            let characters = lowered[word]
            guard letter < short.count, characters.first == short[letter] else { return false }
            var next = letter + 1
            var position = 1
            while true {
                if assign(next, word + 1) { return true }
                guard next < short.count,
                    let found = characters[position...].firstIndex(of: short[next])
                else { return false }
                position = found + 1
                next += 1
            }
        }
        return !lowered.isEmpty && assign(0, 0)
    }

    /// Words of a text: runs of letters, digits and apostrophes; spaces, hyphens, dashes and
    /// slashes separate them.
    private static func words(of text: Substring) -> [Substring] {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "’") })
    }

    /// The source text from the first to the last of `words` (hyphens and all).
    private static func longText(_ words: ArraySlice<Substring>, in text: Substring) -> String {
        guard let first = words.first, let last = words.last else { return "" }
        return String(text[first.startIndex..<last.endIndex])
    }
}

extension Substring {
    fileprivate func trimmingCharacters(where predicate: (Character) -> Bool) -> Substring {
        let tail = drop(while: predicate)
        let last = tail.lastIndex(where: { !predicate($0) })
        let end = last.map(tail.index(after:)) ?? tail.startIndex
        return tail[..<end]
    }
}
