/// Pipeline step 3: strips an English possessive `'s` or a trailing lone `'` from a term.
///
/// Runs after apostrophe mapping, so `body’s`, `body's` and `body` meet at `body`.
/// The token's offsets still cover the whole source, possessive included.
struct PossessiveFilter {
    /// Removes a trailing `'s` or `'`, unless that would leave the term empty.
    func apply(_ term: inout [UInt8]) {
        term.removeLast(term.count - keptCount(term))
    }

    /// How many leading bytes of `term` remain once a trailing `'s` or `'` is removed.
    func keptCount<Term: RandomAccessCollection<UInt8>>(_ term: Term) -> Int
    where Term.Index == Int {
        let apostrophe = UInt8(ascii: "'")
        let end = term.endIndex
        let count = term.count
        if count > 2, term[end - 2] == apostrophe, term[end - 1] == UInt8(ascii: "s") {
            return count - 2
        }
        if count > 1, term[end - 1] == apostrophe {
            return count - 1
        }
        return count
    }
}
