/// The word being typed at the end of a query, for completion with `suggest`: the last word
/// when the query does not end in a space, without the operators and field written before it
/// (`+`, `-`, `"`, `(`, `title:`). None for a wildcard or an operator word.
struct QueryCompletion: Equatable {
    /// The query up to the word.
    var before: String
    /// The word's letters.
    var word: String

    init?(query: String) {
        guard let last = query.last, !last.isWhitespace else { return nil }
        let start = query.lastIndex(where: \.isWhitespace).map(query.index(after:)) ?? query.startIndex
        var token = query[start...]
        if let colon = token.lastIndex(of: ":") { token = token[token.index(after: colon)...] }
        while let first = token.first, "+-\"(".contains(first) { token = token.dropFirst() }
        let operators: Set<Substring> = ["AND", "OR", "NOT"]
        guard !token.isEmpty, !token.contains("*"), !token.contains(")"), !operators.contains(token),
            !token.hasPrefix("NEAR/")
        else { return nil }
        before = String(query[..<token.startIndex])
        word = String(token)
    }

    /// The query with the word replaced by `completion` and a space after it, for the next word.
    func completed(with completion: String) -> String {
        before + completion + " "
    }
}
