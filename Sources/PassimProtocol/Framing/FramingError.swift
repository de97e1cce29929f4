/// A framing problem on a connection. After each one the decoder has skipped or resynchronised
/// past the bad bytes, so the connection stays usable.
public enum FramingError: Error, Sendable, Hashable {
    /// A message over the limit, skipped without being buffered. `size` is the announced
    /// `Content-Length` (unknown with line framing while the line is still arriving); `id` is
    /// the request id when it could be read from the message's first bytes.
    case messageTooLarge(size: Int?, limit: Int, id: RequestID?)
    /// A header block longer than `limit` bytes without its closing empty line.
    case headerTooLarge(limit: Int)
    /// A header line that is not `Name: value`.
    case malformedHeader(line: String)
    /// A header block without `Content-Length`.
    case missingContentLength
    /// A `Content-Length` that is not a decimal byte count.
    case invalidContentLength(String)
    /// A `Content-Type` with a charset other than UTF-8; the body was skipped.
    case unsupportedCharset(String)
    /// The peer closed the connection in the middle of a message.
    case truncated

    /// The error to answer with.
    public var responseError: ResponseError {
        switch self {
        case .messageTooLarge(let size, let limit, _):
            return .requestTooLarge(size: size, limit: limit)
        case .headerTooLarge(let limit):
            return .parseError("a header block of more than \(limit) bytes; \(Self.headerRule)")
        case .malformedHeader(let line):
            return .parseError("header line \"\(line)\" is not `Name: value`; \(Self.headerRule)")
        case .missingContentLength:
            return .parseError("no Content-Length header; \(Self.headerRule)")
        case .invalidContentLength(let value):
            return .parseError("Content-Length \"\(value)\" is not a byte count; \(Self.headerRule)")
        case .unsupportedCharset(let charset):
            return .parseError("charset \"\(charset)\" is not supported; send UTF-8 (or leave out Content-Type)")
        case .truncated:
            return .parseError("the connection closed in the middle of a message")
        }
    }

    /// The id to answer with (`nil` is JSON `null`).
    public var requestID: RequestID? {
        if case .messageTooLarge(_, _, let id) = self { return id }
        return nil
    }

    private static let headerRule = "frame each message as `Content-Length: N\\r\\n\\r\\n` + N bytes"
}
