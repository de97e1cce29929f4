/// Whether a spelling suggestion is close enough to the typed word to replace it.
///
/// Xapian suggests any indexed word within two edits, and a short rare word is two edits from
/// many common ones (`okra` → `ora`, `yale` → `male`, `tufts` → `tests`). A correction is made
/// only within one edit for every five characters of the typed word (a transposition counts
/// as one edit): none for words of four characters or fewer, one up to nine, two from ten.
enum SpellingDistance {
    static func isClose(_ typed: String, _ suggestion: String) -> Bool {
        let length = typed.unicodeScalars.count
        let allowed = length / 5
        guard allowed > 0 else { return false }
        return distance(Array(typed.unicodeScalars), Array(suggestion.unicodeScalars), limit: allowed) <= allowed
    }

    /// The optimal-string-alignment (Damerau) distance, or `limit + 1` once it is over `limit`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        guard abs(a.count - b.count) <= limit else { return limit + 1 }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowBest = current[0]
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowBest = min(rowBest, value)
            }
            if rowBest > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
