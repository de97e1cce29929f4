/// Splits a connection's byte stream into messages, detecting the framing from the first bytes.
///
/// Feed it bytes as they arrive, in chunks of any size; it returns the messages and framing
/// errors completed so far. Detection: after optional leading white space, a header name and a
/// colon (`Content-Length:`, any case, or another header first) mean header framing, as in LSP;
/// anything else (`{`, text, binary) means one JSON object per line. Empty lines are ignored.
///
/// Memory stays bounded by `maxMessageBytes`: a message announced larger is skipped as it
/// arrives, and a line that grows past the limit is discarded up to its newline; both report
/// `FramingError.messageTooLarge` (with the request id when the first bytes show it) and the
/// connection goes on with the next message. After a malformed header block the decoder skips
/// the body when its length is known, and otherwise resynchronises at the next `Content-Length`.
public struct FrameDecoder: Sendable {
    /// One result of decoding.
    public enum Event: Sendable, Hashable {
        /// The bytes of one message (not yet parsed as JSON).
        case message([UInt8])
        /// A framing problem, already recovered from; answer it with `responseError`.
        case error(FramingError)
    }

    /// The largest message accepted, in bytes (the body for header framing, the line without
    /// its `\n` or `\r\n` for line framing).
    public let maxMessageBytes: Int
    /// The largest header block accepted, in bytes.
    public let maxHeaderBytes: Int
    /// The connection's framing, once detected (or as given to `init`).
    public private(set) var framing: Framing?

    private enum State: Sendable, Hashable {
        case detecting
        case line
        case discardingLine
        case header
        case body(length: Int)
        case peekingOversize(length: Int)
        case skipping(remaining: Int)
        case resync(matched: Int)
    }

    private var state: State
    /// The pending bytes of the current line, header block, body, or oversize prefix.
    private var buffer: [UInt8] = []

    /// Longer "header names" are taken for the start of a line of text.
    private static let maxHeaderNameBytes = 64
    private static let resyncNeedle = Array("content-length".utf8)

    /// A decoder that detects the framing, or uses `framing` when given.
    public init(
        maxMessageBytes: Int = RequestLimits.defaultMaxMessageBytes, maxHeaderBytes: Int = 8_192,
        framing: Framing? = nil
    ) {
        precondition(maxMessageBytes > 0 && maxHeaderBytes > 0, "limits must be positive")
        self.maxMessageBytes = maxMessageBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.framing = framing
        switch framing {
        case nil: state = .detecting
        case .contentLength: state = .header
        case .lines: state = .line
        }
    }

    /// True while part of a message has been received but not all of it.
    public var hasPartialMessage: Bool {
        switch state {
        case .detecting, .line, .header: return !buffer.isEmpty
        case .body, .peekingOversize: return true
        case .discardingLine, .skipping, .resync: return false
        }
    }

    /// Bytes held for the message in progress; stays within the limits whatever arrives.
    var bufferedByteCount: Int { buffer.count }

    /// Consumes `bytes` and returns the events they complete, in order.
    public mutating func feed(_ bytes: some Collection<UInt8>) -> [Event] {
        var events: [Event] = []
        let handled: Void? = bytes.withContiguousStorageIfAvailable { consume($0, into: &events) }
        if handled == nil {
            Array(bytes).withUnsafeBufferPointer { consume($0, into: &events) }
        }
        return events
    }

    /// Ends the stream: reports `.truncated` when the peer stopped inside a message; a last
    /// line without its newline still counts as a message.
    public mutating func finish() -> [Event] {
        defer { buffer = [] }
        switch state {
        case .line, .detecting:
            if let event = lineEvent(buffer[...]) { return [event] }
            return []
        case .header:
            return buffer.allSatisfy(ASCII.isWhitespace) ? [] : [.error(.truncated)]
        case .body, .peekingOversize:
            return [.error(.truncated)]
        case .discardingLine, .skipping, .resync:
            return []
        }
    }

    private mutating func consume(_ input: UnsafeBufferPointer<UInt8>, into events: inout [Event]) {
        var index = 0
        while index < input.count {
            switch state {
            case .detecting:
                index = detect(input, from: index)
            case .line:
                index = readLine(input, from: index, into: &events)
            case .discardingLine:
                if let newline = input[index...].firstIndex(of: ASCII.newline) {
                    state = .line
                    index = newline + 1
                } else {
                    index = input.count
                }
            case .header:
                index = readHeader(input, from: index, into: &events)
            case .body(let length):
                let take = min(length - buffer.count, input.count - index)
                buffer.append(contentsOf: input[index..<(index + take)])
                index += take
                if buffer.count == length {
                    events.append(.message(buffer))
                    buffer = []
                    state = .header
                }
            case .peekingOversize(let length):
                let wanted = min(length, LeadingIDScanner.peekLimit)
                let take = min(wanted - buffer.count, input.count - index)
                buffer.append(contentsOf: input[index..<(index + take)])
                index += take
                if buffer.count == wanted {
                    reportOversize(size: length, into: &events)
                    state = length > wanted ? .skipping(remaining: length - wanted) : .header
                }
            case .skipping(let remaining):
                let take = min(remaining, input.count - index)
                index += take
                state = remaining == take ? .header : .skipping(remaining: remaining - take)
            case .resync(let matched):
                index = resync(input, from: index, matched: matched)
            }
        }
    }

    /// Decides the framing from the first non-white-space bytes: a header name (an HTTP token)
    /// followed by a colon means headers; anything else (`{`, text, binary) means lines.
    private mutating func detect(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < input.count {
            let byte = input[index]
            if buffer.isEmpty && ASCII.isWhitespace(byte) {
                index += 1
                continue
            }
            if byte == ASCII.colon && !buffer.isEmpty {
                buffer.append(byte)
                framing = .contentLength
                state = .header
                return index + 1
            }
            if !ASCII.isToken(byte) || buffer.count == Self.maxHeaderNameBytes {
                // Not consumed: the line reader takes it from here (it may be the newline).
                framing = .lines
                state = .line
                return index
            }
            buffer.append(byte)
            index += 1
        }
        return index
    }

    private mutating func readLine(
        _ input: UnsafeBufferPointer<UInt8>, from index: Int, into events: inout [Event]
    ) -> Int {
        guard let newline = input[index...].firstIndex(of: ASCII.newline) else {
            // One byte of slack: the line may still end in `\r\n`.
            if buffer.count + (input.count - index) > maxMessageBytes + 1 {
                // Keep only what the id scan needs, never the whole line.
                let peek = max(0, LeadingIDScanner.peekLimit - buffer.count)
                buffer.append(contentsOf: input[index..<min(input.count, index + peek)])
                reportOversize(size: nil, into: &events)
                state = .discardingLine
            } else {
                buffer.append(contentsOf: input[index...])
            }
            return input.count
        }
        let lineLength = buffer.count + (newline - index)
        if lineLength > maxMessageBytes + 1 {
            let peek = max(0, LeadingIDScanner.peekLimit - buffer.count)
            buffer.append(contentsOf: input[index..<min(newline, index + peek)])
            reportOversize(size: lineLength, into: &events)
        } else {
            buffer.append(contentsOf: input[index..<newline])
            if let event = lineEvent(buffer[...]) { events.append(event) }
            buffer = []
        }
        return newline + 1
    }

    /// The event for one complete line: nothing for an empty line.
    private func lineEvent(_ line: ArraySlice<UInt8>) -> Event? {
        let content = line.last == ASCII.carriageReturn ? line.dropLast() : line
        if content.allSatisfy(ASCII.isWhitespace) { return nil }
        if content.count > maxMessageBytes {
            return .error(
                .messageTooLarge(size: content.count, limit: maxMessageBytes, id: LeadingIDScanner.scan(content)))
        }
        return .message(Array(content))
    }

    private mutating func readHeader(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, into events: inout [Event]
    ) -> Int {
        var index = start
        while index < input.count {
            let byte = input[index]
            index += 1
            if buffer.isEmpty && ASCII.isWhitespace(byte) { continue }
            buffer.append(byte)
            if byte == ASCII.newline && Self.endsWithEmptyLine(buffer) {
                startBody(HeaderBlock.parse(buffer), into: &events)
                return index
            }
            if buffer.count > maxHeaderBytes {
                events.append(.error(.headerTooLarge(limit: maxHeaderBytes)))
                buffer = []
                state = .resync(matched: 0)
                return index
            }
        }
        return index
    }

    /// True when the last line of `bytes` (just ended by `\n`) is empty or only `\r`.
    private static func endsWithEmptyLine(_ bytes: [UInt8]) -> Bool {
        let count = bytes.count
        if count >= 2 && bytes[count - 2] == ASCII.newline { return true }
        return count >= 3 && bytes[count - 2] == ASCII.carriageReturn && bytes[count - 3] == ASCII.newline
    }

    private mutating func startBody(_ outcome: HeaderBlock.Outcome, into events: inout [Event]) {
        buffer = []
        switch outcome {
        case .body(let length) where length > maxMessageBytes:
            state = .peekingOversize(length: length)
        case .body(let length):
            state = .body(length: length)
            if length == 0 {
                events.append(.message([]))
                state = .header
            }
        case .refuse(let error, let skip):
            events.append(.error(error))
            switch skip {
            case .some(let length) where length > 0: state = .skipping(remaining: length)
            case .some: state = .header
            case nil: state = .resync(matched: 0)
            }
        }
    }

    private mutating func reportOversize(size: Int?, into events: inout [Event]) {
        let id = LeadingIDScanner.scan(buffer.prefix(LeadingIDScanner.peekLimit))
        events.append(.error(.messageTooLarge(size: size, limit: maxMessageBytes, id: id)))
        buffer = []
    }

    /// Looks for the next `Content-Length` (any case) after a header block that could not be
    /// read; `matched` is how much of it the previous chunk ended with.
    private mutating func resync(_ input: UnsafeBufferPointer<UInt8>, from start: Int, matched: Int) -> Int {
        let needle = Self.resyncNeedle
        var matched = matched
        var index = start
        while index < input.count {
            let byte = ASCII.lowercased(input[index])
            index += 1
            // The needle's first letter occurs nowhere else in it, so on a mismatch the only
            // possible restart is at this byte.
            if byte == needle[matched] {
                matched += 1
            } else {
                matched = byte == needle[0] ? 1 : 0
            }
            if matched == needle.count {
                buffer = needle
                state = .header
                return index
            }
        }
        state = .resync(matched: matched)
        return index
    }
}
