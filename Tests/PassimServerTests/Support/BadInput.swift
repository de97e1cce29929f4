import PassimProtocol

/// One bad thing a client may send, and how the daemon must answer it.
struct BadInput: Sendable, CustomStringConvertible {
    /// What the daemon answers.
    enum Answer: Sendable {
        /// An error with this code and this id (`.null` when the id could not be read).
        case error(ErrorCode, id: JSONValue)
        /// Nothing at all (notifications, responses, blank lines).
        case nothing
    }

    let name: String
    let framing: TestFraming
    /// The exact bytes sent, framing included.
    let bytes: [UInt8]
    let answer: Answer

    var description: String { name }

    /// A line-framed input: `text` plus a newline.
    static func line(_ name: String, _ text: String, _ answer: Answer) -> BadInput {
        BadInput(name: name, framing: .lines, bytes: Array(text.utf8) + [0x0A], answer: answer)
    }

    /// A line-framed input given as raw bytes (a newline is added).
    static func bytes(_ name: String, _ bytes: [UInt8], _ answer: Answer) -> BadInput {
        BadInput(name: name, framing: .lines, bytes: bytes + [0x0A], answer: answer)
    }

    /// A header-framed input given whole (headers and body).
    static func framed(_ name: String, _ bytes: [UInt8], _ answer: Answer) -> BadInput {
        BadInput(name: name, framing: .contentLength, bytes: bytes, answer: answer)
    }

    /// A well-framed request for `method` with `params` given as JSON text.
    static func request(_ name: String, _ method: String, _ params: String, _ answer: Answer) -> BadInput {
        line(name, #"{"jsonrpc":"2.0","id":1,"method":"\#(method)","params":\#(params)}"#, answer)
    }
}

extension BadInput {
    static let parse = ErrorCode.parseError
    static let invalidRequest = ErrorCode.invalidRequest
    static let invalidParams = ErrorCode.invalidParams

    /// The catalogue: every entry is sent on a fresh connection, followed by a ping on the same one.
    static let catalogue: [BadInput] = json + envelope + params + lookups + bytes + sizes + headers

    static let json: [BadInput] = [
        line("invalid JSON", #"{"jsonrpc":"2.0","id":1,"#, .error(parse, id: .null)),
        line("unterminated string", #"{"jsonrpc":"2.0","id":1,"method":"pi"#, .error(parse, id: .null)),
        line("trailing garbage", #"{"jsonrpc":"2.0","id":1,"method":"ping"} x"#, .error(parse, id: .null)),
        line("single quotes", #"{'jsonrpc':'2.0','id':1,'method':'ping'}"#, .error(parse, id: .null)),
        line("a bare number", "42", .error(invalidRequest, id: .null)),
        line("a bare string", #""ping""#, .error(invalidRequest, id: .null)),
        line("null", "null", .error(invalidRequest, id: .null)),
        line("a batch", #"[{"jsonrpc":"2.0","id":1,"method":"ping"}]"#, .error(invalidRequest, id: .null)),
        line("an empty batch", "[]", .error(invalidRequest, id: .null)),
        line("deeply nested arrays", String(repeating: "[", count: 100_000), .error(parse, id: .null)),
        line("a trailing comma", #"{"jsonrpc":"2.0","id":1,"method":"ping",}"#, .error(parse, id: .null)),
        line(
            "a raw control character in a string",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"search\",\"params\":{\"query\":\"a\u{1B}b\"}}",
            .error(parse, id: .null)),
        line(
            "a lone surrogate escape", #"{"jsonrpc":"2.0","id":1,"method":"search","params":{"query":"\ud800"}}"#,
            .error(parse, id: .null)),
    ]

    static let envelope: [BadInput] = [
        line("missing jsonrpc", #"{"id":1,"method":"ping"}"#, .error(invalidRequest, id: 1)),
        line("jsonrpc 1.0", #"{"jsonrpc":"1.0","id":1,"method":"ping"}"#, .error(invalidRequest, id: 1)),
        line("jsonrpc as a number", #"{"jsonrpc":2.0,"id":1,"method":"ping"}"#, .error(invalidRequest, id: 1)),
        line("null id", #"{"jsonrpc":"2.0","id":null,"method":"ping"}"#, .error(invalidRequest, id: .null)),
        line("boolean id", #"{"jsonrpc":"2.0","id":true,"method":"ping"}"#, .error(invalidRequest, id: .null)),
        line("fractional id", #"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#, .error(invalidRequest, id: .null)),
        line("huge id", #"{"jsonrpc":"2.0","id":1e400,"method":"ping"}"#, .error(invalidRequest, id: .null)),
        line("object id", #"{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}"#, .error(invalidRequest, id: .null)),
        line("missing method", #"{"jsonrpc":"2.0","id":1}"#, .error(invalidRequest, id: 1)),
        line("method is a number", #"{"jsonrpc":"2.0","id":1,"method":7}"#, .error(invalidRequest, id: 1)),
        line("unknown method", #"{"jsonrpc":"2.0","id":1,"method":"serach"}"#, .error(.methodNotFound, id: 1)),
        line(
            "method in the wrong case", #"{"jsonrpc":"2.0","id":"a","method":"PING"}"#, .error(.methodNotFound, id: "a")
        ),
        line(
            "request without an id", #"{"jsonrpc":"2.0","method":"search","params":{"query":"acne"}}"#,
            .error(invalidRequest, id: .null)),
        line(
            "notification with an id", #"{"jsonrpc":"2.0","id":1,"method":"$/cancelRequest","params":{"id":2}}"#,
            .error(invalidRequest, id: 1)),
        line("a response sent to the server", #"{"jsonrpc":"2.0","id":9,"result":{}}"#, .nothing),
        line("an unknown notification", #"{"jsonrpc":"2.0","method":"editor/didSave","params":{}}"#, .nothing),
        line(
            "a cancel with bad params", #"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":null}}"#, .nothing),
        line("blank lines", "   \r\n\t", .nothing),
    ]

    static let params: [BadInput] = [
        request("search without params", "search", "{}", .error(invalidParams, id: 1)),
        request("query is a number", "search", #"{"query":5}"#, .error(invalidParams, id: 1)),
        request("empty query", "search", #"{"query":""}"#, .error(invalidParams, id: 1)),
        request("white space query", "search", #"{"query":"  \t "}"#, .error(invalidParams, id: 1)),
        request("negative limit", "search", #"{"query":"acne","limit":-1}"#, .error(invalidParams, id: 1)),
        request("zero limit", "search", #"{"query":"acne","limit":0}"#, .error(invalidParams, id: 1)),
        request("limit over the maximum", "search", #"{"query":"acne","limit":1001}"#, .error(invalidParams, id: 1)),
        request("limit 1e400", "search", #"{"query":"acne","limit":1e400}"#, .error(invalidParams, id: 1)),
        request(
            "limit 2^70", "search", #"{"query":"acne","limit":1180591620717411303424}"#, .error(invalidParams, id: 1)),
        request("limit as a string", "search", #"{"query":"acne","limit":"10"}"#, .error(invalidParams, id: 1)),
        request("fractional limit", "search", #"{"query":"acne","limit":2.5}"#, .error(invalidParams, id: 1)),
        request("negative offset", "search", #"{"query":"acne","offset":-1}"#, .error(invalidParams, id: 1)),
        request("zero perArticle", "search", #"{"query":"acne","perArticle":0}"#, .error(invalidParams, id: 1)),
        request("zero deadline", "search", #"{"query":"acne","deadlineMs":0}"#, .error(invalidParams, id: 1)),
        request("negative deadline", "search", #"{"query":"acne","deadlineMs":-5}"#, .error(invalidParams, id: 1)),
        request("positional params", "search", #"["acne"]"#, .error(invalidParams, id: 1)),
        request("params as a string", "search", #""acne""#, .error(invalidParams, id: 1)),
        request("field without a value", "search", #"{"query":"acne title:"}"#, .error(.querySyntax, id: 1)),
        request("NEAR without a distance", "search", #"{"query":"acne NEAR/x scars"}"#, .error(.querySyntax, id: 1)),
        request("NOT first", "search", #"{"query":"NOT acne"}"#, .error(.querySyntax, id: 1)),
        request("suggest limit 0", "suggest", #"{"prefix":"ac","limit":0}"#, .error(invalidParams, id: 1)),
        request("suggest without prefix", "suggest", "{}", .error(invalidParams, id: 1)),
        request("ingest without a source", "ingest", "{}", .error(invalidParams, id: 1)),
        request("ingest a relative path", "ingest", #"{"paths":["corpus"]}"#, .error(invalidParams, id: 1)),
        request(
            "ingest paths and text", "ingest", #"{"paths":["/tmp"],"text":"x","name":"a.md"}"#,
            .error(invalidParams, id: 1)),
        request("ingest an escaping name", "ingest", #"{"text":"x","name":"../a.md"}"#, .error(invalidParams, id: 1)),
        request(
            "ingest a name without extension", "ingest", #"{"text":"x","name":"notes/a"}"#, .error(invalidParams, id: 1)
        ),
        request(
            "encodings not a list", "initialize", #"{"capabilities":{"general":{"positionEncodings":"utf-16"}}}"#,
            .error(invalidParams, id: 1)),
    ]

    static let lookups: [BadInput] = [
        request("passage id without ordinal", "passage/get", #"{"id":"nohash"}"#, .error(invalidParams, id: 1)),
        request("passage id with ordinal 0", "passage/get", #"{"id":"a#0"}"#, .error(invalidParams, id: 1)),
        request(
            "passage context over the maximum", "passage/get", #"{"id":"a#1","context":51}"#,
            .error(invalidParams, id: 1)),
        request("unknown passage", "passage/get", #"{"id":"no_such_article#1"}"#, .error(.notFound, id: 1)),
        request(
            "passage past the article's end", "passage/get", #"{"id":"000_c0039b83ab477ca1#9999"}"#,
            .error(.notFound, id: 1)),
        request("unknown article", "article/get", #"{"id":"no_such_article"}"#, .error(.notFound, id: 1)),
        request(
            "includePassages not a boolean", "article/get", #"{"id":"x","includePassages":"yes"}"#,
            .error(invalidParams, id: 1)),
    ]

    static let bytes: [BadInput] = [
        bytes("binary garbage", [0x00, 0x01, 0x02, 0xFF, 0xFE, 0x80, 0x7F, 0x1B, 0x5B], .error(parse, id: .null)),
        bytes(
            "invalid UTF-8 in a string",
            Array(#"{"jsonrpc":"2.0","id":1,"method":"search","params":{"query":""#.utf8) + [0xC3, 0x28]
                + Array(#""}}"#.utf8),
            .error(parse, id: .null)),
        bytes(
            "a NUL inside JSON", Array(#"{"jsonrpc":"2.0","id":1,"#.utf8) + [0x00] + Array(#""method":"ping"}"#.utf8),
            .error(parse, id: .null)),
    ]

    static let sizes: [BadInput] = [
        line(
            "a 10 MiB line",
            #"{"jsonrpc":"2.0","id":7,"method":"search","params":{"query":""# + String(repeating: "a", count: 10 << 20)
                + #""}}"#,
            .error(.requestTooLarge, id: 7)),
        framed(
            "a 10 MiB body",
            Array("Content-Length: \(10 << 20)\r\n\r\n".utf8) + Array(#"{"id":8,"#.utf8)
                + [UInt8](repeating: 0x20, count: (10 << 20) - 8),
            .error(.requestTooLarge, id: 8)),
    ]

    static let headers: [BadInput] = [
        framed("Content-Length not a number", Array("Content-Length: abc\r\n\r\n".utf8), .error(parse, id: .null)),
        framed("negative Content-Length", Array("Content-Length: -5\r\n\r\n".utf8), .error(parse, id: .null)),
        framed(
            "overflowing Content-Length", Array("Content-Length: 99999999999999999999999\r\n\r\n".utf8),
            .error(parse, id: .null)),
        framed("no Content-Length", Array("Content-Type: application/json\r\n\r\n".utf8), .error(parse, id: .null)),
        framed(
            "a header line without a colon", Array("Content-Length: 2\r\nbogus\r\n\r\n{}".utf8),
            .error(parse, id: .null)),
        framed(
            "a Latin-1 charset", Array("Content-Length: 2\r\nContent-Type: text/plain; charset=latin1\r\n\r\n{}".utf8),
            .error(parse, id: .null)),
        framed("an empty body", Array("Content-Length: 0\r\n\r\n".utf8), .error(parse, id: .null)),
        framed("a body that is not JSON", Array("Content-Length: 5\r\n\r\nhello".utf8), .error(parse, id: .null)),
        framed(
            "headers over 8 KiB",
            Array("Content-Length: 2\r\nX-Padding: \(String(repeating: "p", count: 9_000))\r\n\r\n{}".utf8),
            .error(parse, id: .null)),
    ]
}
