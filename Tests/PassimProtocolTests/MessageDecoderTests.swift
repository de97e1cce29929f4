import Foundation
import PassimProtocol
import Testing

/// A message the decoder must refuse, and how.
struct BadInput: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    /// The error code to answer with; `nil` when the message must be ignored (no answer).
    let code: ErrorCode?
    /// The id the answer must carry (`nil`: JSON null).
    let id: RequestID?
    /// Text the error message (or the ignore reason) must contain.
    let says: String

    var testDescription: String { name }

    init(_ name: String, _ json: String, _ code: ErrorCode?, id: RequestID? = nil, says: String) {
        self.init(name, bytes: Array(json.utf8), code, id: id, says: says)
    }

    init(_ name: String, bytes: [UInt8], _ code: ErrorCode?, id: RequestID? = nil, says: String) {
        self.name = name
        self.bytes = bytes
        self.code = code
        self.id = id
        self.says = says
    }
}

private func request(_ method: String, _ params: String, id: String = "1") -> String {
    #"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(params)}"#
}

private let deepNesting = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)

let badInputs: [BadInput] = [
    // Not JSON at all.
    BadInput("truncated JSON", #"{"jsonrpc":"2.0","id":1,"#, .parseError, says: "not valid JSON"),
    BadInput("empty message", "", .parseError, says: "empty"),
    BadInput("plain text", "hello server", .parseError, says: "not valid"),
    BadInput("trailing garbage", #"{"jsonrpc":"2.0","id":1,"method":"ping"} x"#, .parseError, says: "not valid"),
    BadInput(
        "binary garbage", bytes: [0xFF, 0xFE, 0x00, 0x01, 0x9C, 0x7B, 0x22], .parseError, says: "not valid UTF-8"),
    BadInput("NUL bytes", bytes: [0x00, 0x00, 0x00], .parseError, says: "not valid JSON"),
    BadInput(
        "invalid UTF-8 in a string",
        bytes: Array(#"{"jsonrpc":"2.0","id":1,"method":"search","params":{"query":""#.utf8) + [0xC3, 0x28]
            + Array(#""}}"#.utf8), .parseError, says: "not valid UTF-8"),
    // JSON, but not a message.
    BadInput("a string", #""ping""#, .invalidRequest, says: "must be a JSON object, found a string"),
    BadInput("a number", "42", .invalidRequest, says: "found a number"),
    BadInput("null", "null", .invalidRequest, says: "found null"),
    BadInput("a batch", "[\(request("ping", "{}"))]", .invalidRequest, says: "batches (JSON arrays) are not supported"),
    BadInput("an empty batch", "[]", .invalidRequest, says: "batches"),
    BadInput("5,000 nested arrays", deepNesting, .parseError, says: "not valid"),
    // Strict JSON (RFC 8259): what Foundation alone let through or reported as a param's type.
    BadInput(
        "raw control character in a string", request("search", "{\"query\":\"a\u{01}b\"}"), .parseError,
        says: "raw control character U+0001 in a string"),
    BadInput(
        "raw tab in a string", request("search", "{\"query\":\"a\tb\"}"), .parseError,
        says: "raw control character U+0009"),
    BadInput(
        "lone high surrogate escape", request("search", #"{"query":"\ud800"}"#), .parseError,
        says: "lone surrogate \\uD800"),
    BadInput(
        "high surrogate escape followed by a letter", request("search", #"{"query":"\ud800x"}"#), .parseError,
        says: "lone surrogate"),
    BadInput(
        "lone low surrogate escape", request("search", #"{"query":"\udc00"}"#), .parseError,
        says: "lone surrogate \\uDC00"),
    BadInput(
        "trailing comma in an object", #"{"jsonrpc":"2.0","id":1,"method":"ping",}"#, .parseError,
        says: "trailing comma at byte 39"),
    BadInput(
        "trailing comma in an array", request("ingest", #"{"paths":["a",]}"#), .parseError,
        says: "trailing comma"),
    BadInput("a leading zero", #"{"jsonrpc":"2.0","id":01,"method":"ping"}"#, .parseError, says: "not valid JSON"),
    BadInput(
        "an unknown escape", request("search", #"{"query":"\q"}"#), .parseError, says: "invalid escape \\q"),
    // The envelope.
    BadInput("missing jsonrpc", #"{"id":1,"method":"ping"}"#, .invalidRequest, id: 1, says: "missing `jsonrpc`"),
    BadInput(
        "jsonrpc 1.0", #"{"jsonrpc":"1.0","id":1,"method":"ping"}"#, .invalidRequest, id: 1, says: #"found "1.0""#),
    BadInput(
        "jsonrpc as a number", #"{"jsonrpc":2.0,"id":1,"method":"ping"}"#, .invalidRequest, id: 1,
        says: "found a number"),
    BadInput("id null", #"{"jsonrpc":"2.0","id":null,"method":"ping"}"#, .invalidRequest, says: "must not be null"),
    BadInput("fractional id", #"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#, .invalidRequest, says: "not an integer"),
    BadInput("boolean id", #"{"jsonrpc":"2.0","id":true,"method":"ping"}"#, .invalidRequest, says: "found a boolean"),
    BadInput("object id", #"{"jsonrpc":"2.0","id":{"n":1},"method":"ping"}"#, .invalidRequest, says: "found an object"),
    BadInput("array id", #"{"jsonrpc":"2.0","id":[1],"method":"ping"}"#, .invalidRequest, says: "found an array"),
    BadInput(
        "id of 2^70", #"{"jsonrpc":"2.0","id":1180591620717411303424,"method":"ping"}"#, .invalidRequest,
        says: "too large"),
    BadInput(
        "method as a number", #"{"jsonrpc":"2.0","id":1,"method":7}"#, .invalidRequest, id: 1,
        says: "`method` must be a string, found a number"),
    BadInput("no method, no result", #"{"jsonrpc":"2.0","id":1}"#, .invalidRequest, id: 1, says: "missing `method`"),
    BadInput("unknown method", request("serach", "{}"), .methodNotFound, id: 1, says: "Unknown method `serach`"),
    BadInput("method names are case-sensitive", request("PING", "{}"), .methodNotFound, id: 1, says: "`PING`"),
    BadInput(
        "notification sent with an id", request("$/cancelRequest", #"{"id":1}"#, id: "3"), .invalidRequest, id: 3,
        says: "is a notification"),
    BadInput(
        "request sent without an id", #"{"jsonrpc":"2.0","method":"search","params":{"query":"x"}}"#, .invalidRequest,
        says: "`search` is a request"),
    // Params of known methods keep the request's id.
    BadInput(
        "search without params", #"{"jsonrpc":"2.0","id":"q1","method":"search"}"#, .invalidParams, id: "q1",
        says: "missing `query`"),
    BadInput(
        "params as an array", request("search", #"["acne"]"#), .invalidParams, id: 1,
        says: "params must be an object (by-name params), found an array"),
    BadInput("params as a string", request("ping", #""now""#), .invalidParams, id: 1, says: "found a string"),
    BadInput(
        "query as a number", request("search", #"{"query":42}"#), .invalidParams, id: 1, says: "`query`: expected"),
    BadInput(
        "empty query", request("search", #"{"query":"  "}"#), .invalidParams, id: 1, says: "`query` must not be empty"),
    BadInput(
        "null query", request("search", #"{"query":null}"#), .invalidParams, id: 1, says: "`query` must not be null"),
    BadInput(
        "zero limit", request("search", #"{"query":"a","limit":0}"#), .invalidParams, id: 1,
        says: "`limit` must be an integer from 1 to 1000, found 0"),
    BadInput(
        "negative limit", request("search", #"{"query":"a","limit":-5}"#), .invalidParams, id: 1, says: "found -5"),
    BadInput(
        "limit over the maximum", request("search", #"{"query":"a","limit":5000}"#), .invalidParams, id: 1,
        says: "found 5000"),
    BadInput(
        "limit of 1e400", request("search", #"{"query":"a","limit":1e400}"#), .invalidParams, id: 1,
        says: "`limit` must be an integer from 1 to 1000, found a number that is not such an integer"),
    BadInput(
        "limit of 2^70", request("search", #"{"query":"a","limit":1180591620717411303424}"#), .invalidParams, id: 1,
        says: "`limit` must be an integer"),
    BadInput(
        "fractional limit", request("search", #"{"query":"a","limit":2.5}"#), .invalidParams, id: 1,
        says: "`limit` must be an integer"),
    BadInput(
        "limit as a string", request("search", #"{"query":"a","limit":"10"}"#), .invalidParams, id: 1,
        says: "found a string"),
    BadInput(
        "negative offset", request("search", #"{"query":"a","offset":-1}"#), .invalidParams, id: 1,
        says: "`offset` must be an integer from 0"),
    BadInput(
        "zero perArticle", request("search", #"{"query":"a","perArticle":0}"#), .invalidParams, id: 1,
        says: "`perArticle`"),
    BadInput(
        "zero deadline", request("search", #"{"query":"a","deadlineMs":0}"#), .invalidParams, id: 1,
        says: "`deadlineMs` must be an integer from 1"),
    BadInput(
        "deadline of -1e400", request("suggest", #"{"prefix":"a","deadlineMs":-1e400}"#), .invalidParams, id: 1,
        says: "`deadlineMs`"),
    BadInput(
        "passage id without ordinal", request("passage/get", #"{"id":"000_c0039b83ab477ca1"}"#), .invalidParams, id: 1,
        says: "`id` must look like `<article id>#<ordinal>`"),
    BadInput(
        "passage ordinal 0", request("passage/get", #"{"id":"a#0"}"#), .invalidParams, id: 1, says: "must look like"),
    BadInput(
        "context too wide", request("passage/get", #"{"id":"a#1","context":1000}"#), .invalidParams, id: 1,
        says: "`context` must be an integer from 0 to 50"),
    BadInput(
        "empty article id", request("article/get", #"{"id":""}"#), .invalidParams, id: 1, says: "`id` must not be empty"
    ),
    BadInput(
        "includePassages as a string", request("article/get", #"{"id":"a","includePassages":"yes"}"#), .invalidParams,
        id: 1, says: "`includePassages`"),
    BadInput(
        "zero suggest limit", request("suggest", #"{"prefix":"pla","limit":0}"#), .invalidParams, id: 1,
        says: "`limit` must be an integer from 1 to 100"),
    BadInput("ingest without a source", request("ingest", "{}"), .invalidParams, id: 1, says: "give `paths`"),
    BadInput(
        "ingest of a relative path", request("ingest", #"{"paths":["corpus"]}"#), .invalidParams, id: 1,
        says: "must be absolute"),
    BadInput(
        "ingest of no paths", request("ingest", #"{"paths":[]}"#), .invalidParams, id: 1, says: "must not be empty"),
    BadInput(
        "ingest of paths and text", request("ingest", #"{"paths":["/a"],"text":"x","name":"a.md"}"#), .invalidParams,
        id: 1, says: "not both"),
    BadInput(
        "ingest text without name", request("ingest", #"{"text":"x"}"#), .invalidParams, id: 1, says: "needs a `name`"),
    BadInput(
        "ingest name escaping the corpus", request("ingest", #"{"text":"x","name":"../etc/x.md"}"#), .invalidParams,
        id: 1, says: "`..`"),
    BadInput(
        "ingest name without extension", request("ingest", #"{"text":"x","name":"notes/x"}"#), .invalidParams, id: 1,
        says: "`.md` or `.txt`"),
    BadInput(
        "ingest path that is a number", request("ingest", #"{"paths":["/a",7]}"#), .invalidParams, id: 1,
        says: "`paths[1]`"),
    BadInput(
        "positionEncodings as a string",
        request("initialize", #"{"capabilities":{"general":{"positionEncodings":"utf-16"}}}"#), .invalidParams, id: 1,
        says: "`capabilities.general.positionEncodings`"),
    // Nothing may be answered.
    BadInput(
        "unknown notification", #"{"jsonrpc":"2.0","method":"foo/bar"}"#, nil, says: "unknown notification `foo/bar`"),
    BadInput(
        "cancel with a boolean id", #"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":true}}"#, nil,
        says: "`id`"),
    BadInput("cancel without params", #"{"jsonrpc":"2.0","method":"$/cancelRequest"}"#, nil, says: "missing `id`"),
    BadInput("response without id", #"{"jsonrpc":"2.0","result":{}}"#, nil, says: "without `id`"),
    BadInput(
        "response with a malformed error", #"{"jsonrpc":"2.0","id":1,"error":{"code":"x"}}"#, nil,
        says: "malformed response"),
]

@Suite("Classifying incoming messages")
struct MessageDecoderTests {
    let decoder = MessageDecoder()

    @Test("bad input gets the right error and keeps the id it can", arguments: badInputs)
    func badInput(_ input: BadInput) {
        let message = decoder.decode(input.bytes)
        switch (message, input.code) {
        case (.invalid(let id, let error), .some(let code)):
            #expect(error.code == code, "\(error.message)")
            #expect(id == input.id)
            #expect(error.message.contains(input.says), "message was: \(error.message)")
        case (.ignored(let reason), nil):
            #expect(reason.contains(input.says), "reason was: \(reason)")
        default:
            Issue.record("classified as \(message)")
        }
    }

    @Test func thereAreAtLeastThirtyBadInputs() {
        #expect(badInputs.count >= 30)
        #expect(Set(badInputs.map(\.name)).count == badInputs.count, "names must be unique")
    }

    @Test func requestParamsDecodeToTheirType() throws {
        let message = decoder.decode(
            Array(request("search", #"{"query":"acne","limit":3,"perArticle":1}"#, id: #""a""#).utf8))
        guard case .request(let id, let decoded) = message else {
            Issue.record("not a request: \(message)")
            return
        }
        #expect(id == "a")
        let search = try #require(decoded as? SearchRequest)
        #expect(search == SearchRequest(query: "acne", limit: 3, perArticle: 1))
        #expect(search.effectiveLimit == 3 && search.effectiveOffset == 0)
        #expect(search.deadlineMs == nil)
    }

    @Test func unknownMembersAreIgnored() throws {
        let json =
            #"{"jsonrpc":"2.0","id":9,"method":"search","x-trace":"abc","params":{"query":"acne","verbose":true,"huge":1e400}}"#
        guard case .request(9, let decoded) = decoder.decode(Array(json.utf8)) else {
            Issue.record("not a request with id 9")
            return
        }
        #expect(try #require(decoded as? SearchRequest) == SearchRequest(query: "acne"))
    }

    @Test(
        "absent, null, {} and [] params are all fine for methods without required params",
        arguments: [#""#, #","params":null"#, #","params":{}"#, #","params":[]"#])
    func optionalParams(_ params: String) throws {
        let json = #"{"jsonrpc":"2.0","id":1,"method":"ping"\#(params)}"#
        guard case .request(1, let decoded) = decoder.decode(Array(json.utf8)) else {
            Issue.record("not a request: \(json)")
            return
        }
        #expect(decoded is PingRequest)
    }

    @Test func integralFloatIdIsReadAsAnInteger() {
        // Documented: JSON has one number type; 1.0 and 1 are the same id.
        guard case .request(let id, _) = decoder.decode(Array(#"{"jsonrpc":"2.0","id":1.0,"method":"ping"}"#.utf8))
        else {
            Issue.record("not a request")
            return
        }
        #expect(id == 1)
    }

    @Test func deadlineIsVisibleThroughTheProtocol() throws {
        guard
            case .request(_, let decoded) = decoder.decode(
                Array(request("suggest", #"{"prefix":"pla","deadlineMs":250}"#).utf8))
        else {
            Issue.record("not a request")
            return
        }
        #expect(decoded.deadlineMs == 250)
        #expect(PingRequest().deadlineMs == nil)
    }

    @Test func notificationsAndResponsesAreClassified() throws {
        let cancel = decoder.decode(Array(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"q1"}}"#.utf8))
        guard case .notification(let notification) = cancel else {
            Issue.record("not a notification: \(cancel)")
            return
        }
        #expect(try #require(notification as? CancelRequestNotification) == CancelRequestNotification(id: "q1"))

        let client = MessageDecoder(registry: .client)
        let success = client.decode(Array(#"{"jsonrpc":"2.0","id":4,"result":{"prefix":"p","completions":[]}}"#.utf8))
        guard case .response(let response) = success, case .success(let value) = response.outcome else {
            Issue.record("not a success response: \(success)")
            return
        }
        #expect(response.id == 4)
        #expect(try value.decode(SuggestResult.self) == SuggestResult(prefix: "p", completions: []))

        let failure = client.decode(Array(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad"}}"#.utf8))
        guard case .response(let errorResponse) = failure, case .failure(let error) = errorResponse.outcome else {
            Issue.record("not an error response: \(failure)")
            return
        }
        #expect(errorResponse.id == nil)
        #expect(error == ResponseError(code: .parseError, message: "bad"))
    }

    @Test func serverNotificationsAreUnknownToTheServer() {
        let json =
            #"{"jsonrpc":"2.0","method":"index/didChange","params":{"revision":1,"added":[],"updated":[],"removed":[]}}"#
        guard case .ignored = decoder.decode(Array(json.utf8)) else {
            Issue.record("a client may not send index/didChange")
            return
        }
    }

    @Test func encodedMessagesDecodeBack() throws {
        let encoder = MessageEncoder()
        let data = try encoder.encode(SearchRequest(query: "platelet", limit: 2), id: 11)
        #expect(
            String(decoding: data, as: UTF8.self)
                == #"{"id":11,"jsonrpc":"2.0","method":"search","params":{"limit":2,"query":"platelet"}}"#)
        guard case .request(11, let decoded) = decoder.decode(data) else {
            Issue.record("not a request")
            return
        }
        #expect(try #require(decoded as? SearchRequest) == SearchRequest(query: "platelet", limit: 2))

        let error = try encoder.encode(error: .methodNotFound("x/y"), id: nil)
        #expect(String(decoding: error, as: UTF8.self).contains(#""id":null"#))
        #expect(
            String(decoding: error, as: UTF8.self).contains(#""message":"Unknown method `x/y`"#),
            "slashes are not escaped")
    }

    @Test func typedEnvelopesRefuseAnotherMethod() {
        let json = Data(request("ping", "{}").utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RequestMessage<StatsRequest>.self, from: json) }
    }

    @Test func nonFiniteNumbersCannotBeSent() {
        let stats = LatencyPercentiles(p50: .nan, p90: 1, p99: 2, samples: 1)
        #expect(throws: EncodingError.self) { try MessageEncoder().encode(result: stats.asResult, id: 1) }
    }
}

extension LatencyPercentiles {
    fileprivate var asResult: StatsResult {
        StatsResult(
            serverInfo: ServerInfo(name: "passim", version: "0"), protocolVersion: .current, index: nil,
            uptimeSeconds: 1, connections: ConnectionCounts(open: 1, total: 1),
            queries: QueryCounts(total: 1, failed: 0, cancelled: 0, deadlineExceeded: 0), latencyMs: self)
    }
}
