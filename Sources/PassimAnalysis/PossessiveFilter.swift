/// Pipeline step 3: strips an English possessive `'s` or a trailing lone `'` from a term.
///
/// Runs after apostrophe mapping, so `body’s`, `body's` and `body` meet at `body`.
/// The token's offsets still cover the whole source, possessive included.
struct PossessiveFilter {
    /// Removes a trailing `'s` or `'`, unless that would leave the term empty.
    func apply(_ term: inout [UInt8]) {
        let apostrophe = UInt8(ascii: "'")
        let count = term.count
        if count > 2, term[count - 2] == apostrophe, term[count - 1] == UInt8(ascii: "s") {
            term.removeLast(2)
        } else if count > 1, term[count - 1] == apostrophe {
            term.removeLast()
        }
    }
}
