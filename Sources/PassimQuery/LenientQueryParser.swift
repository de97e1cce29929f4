/// A character of a query read as text because it cannot be what an operator means there.
public struct QueryRepair: Sendable, Hashable {
    /// UTF-8 byte offset of the character (or operator word) in the query.
    public let offset: Int
    /// What was read as text: `)`, `"`, `AND`.
    public let text: String
    /// Why, for the user: "it closes no '('".
    public let reason: String

    public init(offset: Int, text: String, reason: String) {
        self.offset = offset
        self.text = text
        self.reason = reason
    }
}

/// Parses queries as a person types them: plain words always search.
///
/// A stray `)` or `(`, an unterminated or empty `"`, empty `()` and an `AND` or `OR` with
/// nothing on one side (`laser AND NOT peel`, `collagen AND`) cannot be what the operator
/// means, so they are read as text, and each repair is reported. So are `AND`, `OR` and `NOT`
/// in a query with no lower-case letter (`ANALYSIS AND DESIGN OF FILTERS`): operators are told
/// from words by their capitals, which there set nothing apart. Mistakes in syntax that can
/// only be meant as syntax (`title:` with no value, `NEAR/x`, `NOT` first, a bare `*`) stay
/// exact errors, about the query as typed. Every repair replaces bytes by as many others
/// (spaces, or a lower-case operator word), so offsets in the parsed query are the typed one's.
public struct LenientQueryParser: Sendable {
    /// At most this many repairs before the first error is reported as it is.
    static let maximumRepairs = 8
    private let parser: QueryParser

    public init(parser: QueryParser = QueryParser()) {
        self.parser = parser
    }

    /// The parsed query and the repairs made to read it; throws the typed query's own error
    /// when it cannot be repaired.
    public func parse(_ query: String) throws(QuerySyntaxError) -> (query: ParsedQuery, repairs: [QueryRepair]) {
        var bytes = Array(query.utf8)
        let capitals = Self.capitalOperatorsAsWords(&bytes, in: query)
        var repairs: [QueryRepair] = []
        var firstError: QuerySyntaxError?
        while true {
            do {
                let parsed = try parser.parse(String(decoding: bytes, as: UTF8.self))
                return (parsed, capitals + repairs)
            } catch {
                if firstError == nil { firstError = error }
                guard repairs.count < Self.maximumRepairs, let repair = Self.repair(&bytes, for: error) else {
                    throw firstError ?? error
                }
                repairs.append(repair)
            }
        }
    }

    private static let space = UInt8(ascii: " ")
    private static let quote = UInt8(ascii: "\"")
    private static let open = UInt8(ascii: "(")
    private static let close = UInt8(ascii: ")")

    /// Changes `bytes` so that `error` does not happen again, or returns nil.
    static func repair(_ bytes: inout [UInt8], for error: QuerySyntaxError) -> QueryRepair? {
        let at = error.offset
        switch error.code {
        case .unexpectedCloseParenthesis:
            guard at < bytes.count, bytes[at] == close else { return nil }
            bytes[at] = space
            return QueryRepair(offset: at, text: ")", reason: "it closes no '('")
        case .missingCloseParenthesis:
            guard let unmatched = lastUnmatchedOpen(bytes) else { return nil }
            bytes[unmatched] = space
            return QueryRepair(offset: unmatched, text: "(", reason: "no ')' closes it")
        case .unterminatedPhrase:
            guard at < bytes.count, bytes[at] == quote else { return nil }
            bytes[at] = space
            return QueryRepair(offset: at, text: "\"", reason: "no '\"' ends the phrase")
        case .emptyPhrase, .emptyGroup:
            let (first, last) = error.code == .emptyPhrase ? (quote, quote) : (open, close)
            guard let start = bytes[..<min(at + 1, bytes.count)].lastIndex(of: first),
                let end = bytes[(start + 1)...].firstIndex(of: last),
                bytes[(start + 1)..<end].allSatisfy({ $0 == space })
            else { return nil }
            bytes[start] = space
            bytes[end] = space
            return QueryRepair(
                offset: start, text: String(decoding: [first, last], as: UTF8.self), reason: "there is nothing inside")
        case .missingOperand:
            return operatorAsText(&bytes, before: at) ?? operatorAsText(&bytes, before: wordEnd(bytes, from: at))
        default:
            return nil
        }
    }

    /// In a query with no lower-case letter whose other words have capitals too, its `AND`,
    /// `OR` and `NOT` lower-cased into plain words. Words of a script without case (`血小板 AND
    /// 研究`) or digits around them leave them operators: nothing there is in capitals. A query
    /// the lexer refuses is left as it is, for the parser to report.
    static func capitalOperatorsAsWords(_ bytes: inout [UInt8], in query: String) -> [QueryRepair] {
        guard !query.unicodeScalars.contains(where: \.properties.isLowercase) else { return [] }
        var lexer = QueryLexer(query)
        guard let tokens = try? lexer.tokenize() else { return [] }
        var operators: [QueryToken] = []
        var capitals = false
        for token in tokens {
            switch token.kind {
            case .and, .or, .not:
                operators.append(token)
            default:
                let text = String(decoding: bytes[token.range], as: UTF8.self)
                if text.unicodeScalars.contains(where: \.properties.isUppercase) { capitals = true }
            }
        }
        guard !operators.isEmpty, capitals else { return [] }
        var repairs: [QueryRepair] = []
        for token in operators {
            let word = String(decoding: bytes[token.range], as: UTF8.self)
            for index in token.range { bytes[index] |= 0x20 }
            repairs.append(
                QueryRepair(
                    offset: token.range.lowerBound, text: word,
                    reason: "the query is all in capitals, so capitals do not make it an operator"))
        }
        return repairs
    }

    /// `AND` or `OR` just before `offset` (spaces between), lower-cased into a plain word.
    private static func operatorAsText(_ bytes: inout [UInt8], before offset: Int) -> QueryRepair? {
        var end = min(offset, bytes.count)
        while end > 0, bytes[end - 1] == space { end -= 1 }
        var start = end
        while start > 0, bytes[start - 1] != space, bytes[start - 1] != open { start -= 1 }
        let word = String(decoding: bytes[start..<end], as: UTF8.self)
        guard word == "AND" || word == "OR", start > 0 || end < bytes.count else { return nil }
        for index in start..<end { bytes[index] |= 0x20 }
        return QueryRepair(offset: start, text: word, reason: "it has nothing to join on one side")
    }

    /// The end of the word that starts at `offset`.
    private static func wordEnd(_ bytes: [UInt8], from offset: Int) -> Int {
        var end = min(offset, bytes.count)
        while end < bytes.count, bytes[end] != space, bytes[end] != open, bytes[end] != close { end += 1 }
        return end
    }

    /// The last `(` outside quotes that no `)` closes.
    private static func lastUnmatchedOpen(_ bytes: [UInt8]) -> Int? {
        var opens: [Int] = []
        var inPhrase = false
        for (index, byte) in bytes.enumerated() {
            if byte == quote { inPhrase.toggle() }
            guard !inPhrase else { continue }
            if byte == open { opens.append(index) }
            if byte == close, !opens.isEmpty { opens.removeLast() }
        }
        return opens.last
    }
}
