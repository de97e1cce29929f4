/// The `error` member of a failed response: a code, a message for people, optional data for
/// programs. Messages say what went wrong and what to do about it.
public struct ResponseError: Error, Codable, Sendable, Hashable {
    /// What kind of error, for programs.
    public var code: ErrorCode
    /// What went wrong and what to do, for people.
    public var message: String
    /// Structured details; its shape depends on `code` (see the `...ErrorData` types).
    public var data: JSONValue?

    /// An error with any code; prefer the factory methods below, which word messages consistently.
    public init(code: ErrorCode, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }
}

extension ResponseError {
    /// The bytes are not JSON (or the header framing them is broken).
    public static func parseError(_ detail: String) -> ResponseError {
        ResponseError(code: .parseError, message: "Parse error: \(detail)")
    }

    /// Valid JSON that is not a JSON-RPC 2.0 message; `reason` says which rule it breaks.
    public static func invalidRequest(_ reason: String) -> ResponseError {
        ResponseError(code: .invalidRequest, message: "Invalid request: \(reason)")
    }

    /// A request for a method the server does not have.
    public static func methodNotFound(_ method: String) -> ResponseError {
        ResponseError(
            code: .methodNotFound,
            message:
                "Unknown method `\(method)`; `initialize` lists the methods in capabilities.methods")
    }

    /// A known method whose params do not decode or are out of range.
    public static func invalidParams(method: String, _ detail: String) -> ResponseError {
        ResponseError(code: .invalidParams, message: "Invalid params for `\(method)`: \(detail)")
    }

    /// An unexpected failure inside the server; the connection stays usable.
    public static func internalError(_ detail: String) -> ResponseError {
        ResponseError(
            code: .internalError,
            message: "Internal error: \(detail) (a bug in Passim: please report it)")
    }

    /// The query does not parse. `offset` is in the connection's position encoding.
    public static func querySyntax(_ message: String, offset: Int, expected: [String]) -> ResponseError {
        ResponseError(
            code: .querySyntax, message: message,
            data: ["offset": .int(offset), "expected": .array(expected.map { .string($0) })])
    }

    /// The index cannot be read; `detail` names the cause and what to do about it.
    public static func indexUnavailable(_ detail: String) -> ResponseError {
        ResponseError(code: .indexUnavailable, message: "Index unavailable: \(detail)")
    }

    /// A message over the size limit, skipped without reading it. `size` is `nil` when the
    /// framing does not announce it (line framing).
    public static func requestTooLarge(size: Int?, limit: Int) -> ResponseError {
        let what = size.map { "Message of \($0) bytes" } ?? "Message"
        var data: [String: JSONValue] = ["limit": .int(limit)]
        if let size { data["size"] = .int(size) }
        return ResponseError(
            code: .requestTooLarge,
            message:
                "\(what) exceeds the limit of \(limit) bytes and was skipped; send a smaller message",
            data: .object(data))
    }

    /// The client cancelled the request with `$/cancelRequest`.
    public static func requestCancelled() -> ResponseError {
        ResponseError(code: .requestCancelled, message: "Request cancelled by the client")
    }

    /// The request ran past the `deadlineMs` it carried.
    public static func deadlineExceeded(deadlineMs: Int) -> ResponseError {
        ResponseError(
            code: .deadlineExceeded,
            message: "Request exceeded its deadline of \(deadlineMs) ms; retry with a larger deadlineMs",
            data: ["deadlineMs": .int(deadlineMs)])
    }

    /// Another ingest holds the index writer.
    public static func writerBusy() -> ResponseError {
        ResponseError(
            code: .writerBusy,
            message: "Another ingest is writing to the index; retry when it has finished")
    }

    /// The passage or article is not in the index.
    public static func notFound(_ kind: NotFoundErrorData.Kind, id: String) -> ResponseError {
        ResponseError(
            code: .notFound,
            message: "No \(kind.rawValue) `\(id)` in the index; search again for current ids",
            data: ["kind": .string(kind.rawValue), "id": .string(id)])
    }

    /// The daemon holds as many connections as it can; this one is closed after the answer.
    public static func tooManyConnections(limit: Int) -> ResponseError {
        ResponseError(
            code: .tooManyConnections,
            message: "The daemon already serves \(limit) connections, all its file descriptors allow; "
                + "close idle clients or raise its limit (ulimit -n) and restart it")
    }

    /// The server is stopping.
    public static func serverShuttingDown() -> ResponseError {
        ResponseError(
            code: .serverShuttingDown,
            message: "The server is shutting down and takes no new requests; start it again")
    }
}
