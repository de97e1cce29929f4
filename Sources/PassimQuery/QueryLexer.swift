/// Splits a query string into tokens, tracking UTF-8 byte offsets.
///
/// Operators are context-sensitive so natural text survives: `AND`/`OR`/`NOT`/`NEAR/n` only in
/// upper case and only where an item starts; `+`/`-` only at the start of an item and directly
/// before something (`cell-derived` and a lone `-` are text); field prefixes only for the four
/// known fields (`note:x` is text).
struct QueryLexer {
    /// The largest accepted `NEAR/n` distance.
    static let maximumNearDistance = 1000

    private let scalars: [Unicode.Scalar]
    /// `offsets[i]` is the UTF-8 offset of `scalars[i]`; one extra entry holds the total length.
    private let offsets: [Int]
    private let bytes: [UInt8]
    private var index = 0
    private var tokens: [QueryToken] = []

    init(_ query: String) {
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        var offset = 0
        for scalar in query.unicodeScalars {
            scalars.append(scalar)
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        self.scalars = scalars
        self.offsets = offsets
        self.bytes = Array(query.utf8)
    }

    /// Characters that end a word wherever they appear.
    static func isDelimiter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "(" || scalar == ")" || isQuote(scalar)
    }

    /// Straight and typographic double quotes; any of them opens or closes a phrase.
    static func isQuote(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x22, 0x201C, 0x201D, 0x201E, 0xFF02: true
        default: false
        }
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace
    }

    /// The tokens of the whole query.
    mutating func tokenize() throws(QuerySyntaxError) -> [QueryToken] {
        while true {
            while index < scalars.count, Self.isSpace(scalars[index]) { index += 1 }
            guard index < scalars.count else { break }
            let scalar = scalars[index]
            let atItemStart = index == 0 || Self.isSpace(scalars[index - 1]) || scalars[index - 1] == "("
            if scalar == "(" {
                emit(.openParenthesis, from: index, to: index + 1)
            } else if scalar == ")" {
                emit(.closeParenthesis, from: index, to: index + 1)
            } else if Self.isQuote(scalar) {
                try lexPhrase()
            } else if atItemStart, scalar == "+" || scalar == "-", signAppliesToNext() {
                emit(scalar == "+" ? .plus : .minus, from: index, to: index + 1)
                if index < scalars.count, !Self.isDelimiter(scalars[index]) {
                    try lexRun(operatorsAllowed: false, fieldsAllowed: true)
                }
            } else {
                try lexRun(operatorsAllowed: atItemStart, fieldsAllowed: atItemStart)
            }
        }
        return tokens
    }

    private func signAppliesToNext() -> Bool {
        let next = index + 1
        return next < scalars.count && !Self.isSpace(scalars[next]) && scalars[next] != ")"
    }

    private mutating func emit(_ kind: QueryToken.Kind, from start: Int, to end: Int) {
        tokens.append(QueryToken(kind: kind, range: offsets[start]..<offsets[end]))
        index = end
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[offsets[start]..<offsets[end]], as: UTF8.self)
    }

    private func runEnd(from start: Int) -> Int {
        var end = start
        while end < scalars.count, !Self.isSpace(scalars[end]), !Self.isDelimiter(scalars[end]) { end += 1 }
        return end
    }

    /// Lexes a maximal run of word characters starting at `index`.
    private mutating func lexRun(operatorsAllowed: Bool, fieldsAllowed: Bool) throws(QuerySyntaxError) {
        let start = index
        let end = runEnd(from: start)
        if fieldsAllowed, let colon = scalars[start..<end].firstIndex(of: ":"),
            let field = FieldName(text(start, colon))
        {
            emit(.field(field), from: start, to: colon + 1)
            guard index < end else { return }
            if case .filter = field {
                emit(.value(text(index, end)), from: index, to: end)
            } else {
                try lexWord(from: index, to: end)
            }
            return
        }
        if operatorsAllowed {
            switch text(start, end) {
            case "AND": return emit(.and, from: start, to: end)
            case "OR": return emit(.or, from: start, to: end)
            case "NOT": return emit(.not, from: start, to: end)
            default: break
            }
            if text(start, min(end, start + 5)) == "NEAR/" {
                return try lexNear(from: start, to: end)
            }
        }
        try lexWord(from: start, to: end)
    }

    private mutating func lexWord(from start: Int, to end: Int) throws(QuerySyntaxError) {
        var stem = end
        while stem > start, scalars[stem - 1] == "*" { stem -= 1 }
        if stem == end {
            return emit(.word(text(start, end)), from: start, to: end)
        }
        guard stem > start else {
            throw QuerySyntaxError(
                .missingWildcardPrefix, offset: offsets[start], message: "'*' without a word before it",
                expected: "a word before '*', as in cell*")
        }
        emit(.prefix(text(start, stem)), from: start, to: end)
    }

    private mutating func lexNear(from start: Int, to end: Int) throws(QuerySyntaxError) {
        let digitsStart = start + 5
        let digits = text(digitsStart, end)
        let expected = "a distance from 1 to \(Self.maximumNearDistance) after NEAR/, as in NEAR/5"
        guard !digits.isEmpty else {
            throw QuerySyntaxError(
                .invalidNearDistance, offset: offsets[digitsStart], message: "NEAR/ without a distance",
                expected: expected)
        }
        guard digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            digits.utf8.count <= 4, let distance = Int(digits),
            (1...Self.maximumNearDistance).contains(distance)
        else {
            throw QuerySyntaxError(
                .invalidNearDistance, offset: offsets[digitsStart],
                message: "invalid NEAR distance '\(digits)'", expected: expected)
        }
        emit(.near(distance), from: start, to: end)
    }

    private mutating func lexPhrase() throws(QuerySyntaxError) {
        let open = index
        var close = open + 1
        while close < scalars.count, !Self.isQuote(scalars[close]) { close += 1 }
        guard close < scalars.count else {
            throw QuerySyntaxError(
                .unterminatedPhrase, offset: offsets[open], message: "unterminated phrase",
                expected: "a closing '\"' for the phrase that starts here")
        }
        var words: [QueryWord] = []
        var position = open + 1
        while position < close {
            if Self.isSpace(scalars[position]) {
                position += 1
                continue
            }
            var wordEnd = position
            while wordEnd < close, !Self.isSpace(scalars[wordEnd]) { wordEnd += 1 }
            words.append(QueryWord(text(position, wordEnd), range: offsets[position]..<offsets[wordEnd]))
            position = wordEnd
        }
        emit(.phrase(words, content: text(open + 1, close)), from: open, to: close + 1)
    }
}
