import Foundation
import Testing

@testable import PassimProtocol

private typealias Event = FrameDecoder.Event

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

private func lsp(_ body: String) -> String { "Content-Length: \(body.utf8.count)\r\n\r\n\(body)" }

private let ping = #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#
private let search = #"{"jsonrpc":"2.0","id":"s","method":"search","params":{"query":"naïve café 血小板"}}"#
private let cancel = #"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"s"}}"#

/// Feeds `input` in chunks of the given sizes (cycled), then finishes.
private func decode(_ input: [UInt8], chunks: [Int] = [Int.max], decoder: FrameDecoder = FrameDecoder()) -> [Event] {
    var decoder = decoder
    var events: [Event] = []
    var index = 0
    var chunk = 0
    while index < input.count {
        let size = min(chunks[chunk % chunks.count], input.count - index)
        events += decoder.feed(input[index..<(index + size)])
        index += size
        chunk += 1
    }
    return events + decoder.finish()
}

private func messages(_ bodies: String...) -> [Event] { bodies.map { .message(bytes($0)) } }

@Suite("Framing")
struct FrameDecoderTests {
    @Test(
        "detects header framing in any case, with any first header",
        arguments: ["Content-Length", "content-length", "CONTENT-LENGTH", "cOnTeNt-LeNgTh"])
    func detectsHeaders(_ name: String) {
        var decoder = FrameDecoder()
        let events = decoder.feed(bytes("\(name): \(ping.utf8.count)\r\n\r\n\(ping)"))
        #expect(events == messages(ping))
        #expect(decoder.framing == .contentLength)
    }

    @Test func contentTypeMayComeFirstAndBeUTF8() {
        for charset in ["utf-8", "UTF-8", "utf8", "\"utf-8\""] {
            let framed =
                "Content-Type: application/vscode-jsonrpc; charset=\(charset)\r\nContent-Length: \(ping.utf8.count)\r\n\r\n\(ping)"
            #expect(decode(bytes(framed)) == messages(ping), "charset \(charset)")
        }
        #expect(decode(bytes("Content-Type: application/json\r\n" + lsp(ping))) == messages(ping))
    }

    @Test func detectsLines() {
        var decoder = FrameDecoder()
        #expect(decoder.feed(bytes(ping + "\n")) == messages(ping))
        #expect(decoder.framing == .lines)
    }

    @Test func waitsForEnoughBytesToDecide() {
        var decoder = FrameDecoder()
        #expect(decoder.feed(bytes("  \r\nCont")).isEmpty)
        #expect(decoder.framing == nil)
        #expect(decoder.feed(bytes("ent-Length: \(ping.utf8.count)\r\n\r\n\(ping)")) == messages(ping))
        #expect(decoder.framing == .contentLength)
    }

    @Test("any chunk boundaries give the same messages", arguments: [[1], [2], [3], [7], [1, 5, 2, 64], [4096]])
    func chunkBoundaries(_ chunks: [Int]) {
        let expected = messages(ping, search, cancel)
        let headerStream = bytes(lsp(ping) + lsp(search) + "\r\n" + lsp(cancel))
        #expect(decode(headerStream, chunks: chunks) == expected)
        let lineStream = bytes(ping + "\n" + search + "\r\n\n  \n" + cancel + "\n")
        #expect(decode(lineStream, chunks: chunks) == expected)
    }

    @Test func everySplitPointOfTwoMessages() {
        for stream in [bytes(lsp(search) + lsp(ping)), bytes(search + "\r\n" + ping + "\n")] {
            for split in 1..<stream.count {
                var decoder = FrameDecoder()
                let events = decoder.feed(stream[..<split]) + decoder.feed(stream[split...]) + decoder.finish()
                #expect(events == messages(search, ping), "split at \(split)")
            }
        }
    }

    @Test func emptyAndBlankLinesAreIgnored() {
        #expect(decode(bytes("\n\r\n \t\n" + ping + "\n\n\n")) == messages(ping))
    }

    @Test func lastLineWithoutNewlineIsAMessageAtEnd() {
        var decoder = FrameDecoder()
        #expect(decoder.feed(bytes(ping)).isEmpty)
        #expect(decoder.hasPartialMessage)
        #expect(decoder.finish() == messages(ping))
    }

    @Test func bareNewlineHeadersAreAccepted() {
        #expect(decode(bytes("Content-Length: \(ping.utf8.count)\n\n\(ping)")) == messages(ping))
    }

    @Test func zeroLengthBodyIsAnEmptyMessage() {
        #expect(decode(bytes("Content-Length: 0\r\n\r\n" + lsp(ping))) == [.message([])] + messages(ping))
        #expect(MessageDecoder().decodeError([]) == .parseError)
    }

    @Test func truncatedBodyIsReportedAtEnd() {
        #expect(decode(bytes("Content-Length: 100\r\n\r\n{\"jsonrpc\"")) == [.error(.truncated)])
        #expect(decode(bytes("Content-Length: 10\r\n")) == [.error(.truncated)])
    }

    // MARK: Size limit

    @Test func messageAtTheLimitIsAccepted() {
        let decoder = FrameDecoder(maxMessageBytes: ping.utf8.count)
        #expect(decode(bytes(lsp(ping)), decoder: decoder) == messages(ping))
        #expect(decode(bytes(ping + "\r\n"), decoder: decoder) == messages(ping))
    }

    @Test func oversizeBodyIsSkippedAndTheNextMessageRead() {
        let big =
            #"{"jsonrpc":"2.0","id":77,"method":"search","params":{"query":""# + String(repeating: "x", count: 5_000)
            + #""}}"#
        let decoder = FrameDecoder(maxMessageBytes: 1_000)
        let events = decode(bytes(lsp(big) + lsp(ping)), chunks: [333], decoder: decoder)
        #expect(events == [.error(.messageTooLarge(size: big.utf8.count, limit: 1_000, id: 77))] + messages(ping))
        if case .error(let error) = events.first {
            #expect(error.responseError.code == .requestTooLarge)
            #expect(error.requestID == 77)
        }
    }

    @Test func oversizeLineIsDiscardedToItsNewline() {
        let big =
            #"{"jsonrpc":"2.0","id":"big","method":"search","params":{"query":""# + String(repeating: "y", count: 5_000)
            + #""}}"#
        let decoder = FrameDecoder(maxMessageBytes: 1_000)
        for chunks in [[Int.max], [100], [1_001]] {
            let events = decode(bytes(ping + "\n" + big + "\n" + cancel + "\n"), chunks: chunks, decoder: decoder)
            #expect(events.count == 3, "chunks \(chunks)")
            #expect(events.first == .message(bytes(ping)))
            #expect(events.last == .message(bytes(cancel)))
            guard case .error(.messageTooLarge(_, 1_000, "big")) = events[1] else {
                Issue.record("expected messageTooLarge with id \"big\", got \(events[1])")
                continue
            }
        }
    }

    @Test func tenMebibyteLineNeverBuffersMoreThanTheLimit() {
        var decoder = FrameDecoder()
        let chunk = [UInt8](repeating: 0x61, count: 65_536)
        var events = decoder.feed(bytes(#"{"jsonrpc":"2.0","id":5,"method":"search","params":{"query":""#))
        var largestBuffer = 0
        for _ in 0..<160 {
            events += decoder.feed(chunk)
            largestBuffer = max(largestBuffer, decoder.bufferedByteCount)
        }
        events += decoder.feed(bytes("\"}}\n" + ping + "\n"))
        #expect(largestBuffer <= decoder.maxMessageBytes + 1)
        #expect(events == [.error(.messageTooLarge(size: nil, limit: decoder.maxMessageBytes, id: 5))] + messages(ping))
    }

    @Test func tenMebibyteBodyIsSkippedWithoutBuffering() {
        var decoder = FrameDecoder()
        let size = 10 << 20
        var events = decoder.feed(bytes("Content-Length: \(size)\r\n\r\n"))
        let chunk = [UInt8](repeating: 0x20, count: 65_536)
        var largestBuffer = 0
        for _ in 0..<(size / chunk.count) {
            events += decoder.feed(chunk)
            largestBuffer = max(largestBuffer, decoder.bufferedByteCount)
        }
        events += decoder.feed(bytes(lsp(ping)))
        #expect(largestBuffer <= LeadingIDScanner.peekLimit)
        #expect(
            events == [.error(.messageTooLarge(size: size, limit: decoder.maxMessageBytes, id: nil))] + messages(ping))
    }

    // MARK: Bad headers

    @Test func headerWithoutColonResyncsAtTheNextContentLength() {
        let events = decode(bytes(lsp(cancel) + "Content-Length 12\r\n\r\n{\"half\":1}\r\n" + lsp(ping)))
        #expect(events == messages(cancel) + [.error(.malformedHeader(line: "Content-Length 12"))] + messages(ping))
    }

    @Test func invalidContentLengthResyncs() {
        for value in ["abc", "-5", "12x", "", "9999999999999999999999"] {
            let events = decode(bytes("Content-Length: \(value)\r\n\r\n{}" + lsp(ping)), chunks: [3])
            #expect(events == [.error(.invalidContentLength(value))] + messages(ping), "value \(value)")
        }
    }

    @Test func missingContentLengthResyncs() {
        let events = decode(bytes("Content-Type: application/json\r\n\r\n{}" + lsp(ping)))
        #expect(events == [.error(.missingContentLength)] + messages(ping))
    }

    @Test func conflictingContentLengthsAreRefused() {
        let events = decode(bytes("Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}" + lsp(ping)))
        #expect(events.first == .error(.invalidContentLength("3")))
        #expect(events.last == .message(bytes(ping)))
    }

    @Test func otherCharsetSkipsTheBody() {
        let body = #"{"a":1}"#
        let events = decode(
            bytes(
                "Content-Length: \(body.utf8.count)\r\nContent-Type: text/json; charset=latin1\r\n\r\n\(body)"
                    + lsp(ping)))
        #expect(events == [.error(.unsupportedCharset("latin1"))] + messages(ping))
    }

    @Test func endlessHeaderIsCutOff() {
        let decoder = FrameDecoder(maxHeaderBytes: 64)
        let events = decode(
            bytes("Content-Length: 5\r\nX-Junk: " + String(repeating: "j", count: 500) + "\r\n\r\n" + lsp(ping)),
            decoder: decoder)
        #expect(events == [.error(.headerTooLarge(limit: 64))] + messages(ping))
    }

    @Test func unknownHeadersAreIgnoredEvenFirst() {
        var decoder = FrameDecoder()
        #expect(decoder.feed(bytes("X-Editor: vim\r\n" + lsp(ping))) == messages(ping))
        #expect(decoder.framing == .contentLength)
    }

    @Test(
        "text that is not a header line means line framing",
        arguments: ["hello server\n", "x\n", "ping\r\n", "\u{1}\u{2}\n"])
    func textMeansLines(_ text: String) {
        var decoder = FrameDecoder()
        #expect(
            decoder.feed(bytes(text + ping + "\n")) == [.message(bytes(text.trimmingCharacters(in: .newlines)))]
                + messages(ping))
        #expect(decoder.framing == .lines)
    }

    @Test func framingErrorsAnswerWithParseErrorsExceptSize() {
        let errors: [FramingError] = [
            .headerTooLarge(limit: 1), .malformedHeader(line: "x"), .missingContentLength, .invalidContentLength("x"),
            .unsupportedCharset("latin1"), .truncated,
        ]
        for error in errors {
            #expect(error.responseError.code == .parseError)
            #expect(error.requestID == nil)
        }
        #expect(FramingError.messageTooLarge(size: nil, limit: 1, id: nil).responseError.code == .requestTooLarge)
    }

    // MARK: Encoding

    @Test func framedMessagesDecodeBack() {
        for framing in Framing.allCases {
            let stream = [ping, search, cancel].flatMap { framing.frame(bytes($0)) }
            let decoder = FrameDecoder(framing: framing)
            #expect(decode(stream, chunks: [5], decoder: decoder) == messages(ping, search, cancel), "\(framing)")
            #expect(decode(stream) == messages(ping, search, cancel), "\(framing) detected")
        }
        #expect(
            String(decoding: Framing.contentLength.frame(bytes("{}")), as: UTF8.self) == "Content-Length: 2\r\n\r\n{}")
        #expect(String(decoding: Framing.lines.frame(bytes("{}")), as: UTF8.self) == "{}\n")
    }
}

@Suite("Finding the id of an oversize message")
struct LeadingIDScannerTests {
    @Test(arguments: [
        (#"{"id":7,"method":"search"}"#, RequestID?.some(7)),
        (#"  { "jsonrpc" : "2.0" , "id" : "a\"b" , "params":"#, .some("a\"b")),
        (#"{"jsonrpc":"2.0","method":"x","params":{"id":3,"s":"}{]["},"id":-4}"#, .some(-4)),
        (#"{"params":[1,{"id":9}],"id":"deep"}"#, .some("deep")),
        (#"{"jsonrpc":"2.0","method":"search","params":{"query":"xxxxxxxx"#, nil),
        (#"{"id":1.5}"#, nil),
        (#"{"id":null}"#, nil),
        (#"{"id":12"#, nil),
        (#"[{"id":1}]"#, nil),
        (#"garbage"#, nil),
        (#"{"\u0069d":3,"id":4}"#, .some(4)),
    ])
    func scan(_ prefix: String, _ expected: RequestID?) {
        #expect(LeadingIDScanner.scan(Array(prefix.utf8)[...]) == expected)
    }
}

extension MessageDecoder {
    fileprivate func decodeError(_ bytes: [UInt8]) -> ErrorCode? {
        if case .invalid(_, let error) = decode(bytes) { return error.code }
        return nil
    }
}
