import Foundation
import PassimLSP
import PassimProtocol
import PassimTestSupport
import Testing

/// `Content-Length` framing over real pipes, as an editor drives `passim lsp`: messages split
/// or joined in any way arrive whole, a broken header block is answered and skipped, and the
/// transport ends with LSP's exit status.
@Suite struct TransportTests {
    /// A transport and server on two pipes: the test writes the client's bytes into one and
    /// reads the server's framed answers from the other.
    // @unchecked: Foundation's Pipe is not marked Sendable; its file handles are used from one side each.
    final class Pipes: @unchecked Sendable {
        let toServer = Pipe()
        let fromServer = Pipe()
        let served: Task<Int32, Never>

        init() {
            let server = LanguageServer(
                source: EmptySource(),
                output: FileDescriptorOutput(descriptor: fromServer.fileHandleForWriting.fileDescriptor),
                version: "test", logger: IndexedFolder.quiet)
            let input = toServer.fileHandleForReading.fileDescriptor
            // Off the cooperative pool, which the test's blocking reads must not starve.
            served = Task(executorPreference: DedicatedExecutor.shared) {
                await StdioTransport(input: input).run(server)
            }
        }

        func write(_ text: String) {
            toServer.fileHandleForWriting.write(Data(text.utf8))
        }

        /// Ends the client's input, as an editor that quits does.
        func closeInput() throws {
            try toServer.fileHandleForWriting.close()
        }

        /// The next `count` answers, read from the server's output on a thread of their own.
        func read(_ count: Int) async throws -> [ReceivedResponse] {
            try await withCheckedThrowingContinuation { continuation in
                Thread { continuation.resume(with: Result { try self.readBlocking(count) }) }.start()
            }
        }

        /// The next `count` answers, read through the real decoder.
        private func readBlocking(_ count: Int) throws -> [ReceivedResponse] {
            var decoder = FrameDecoder(framing: .contentLength)
            var answers: [ReceivedResponse] = []
            while answers.count < count {
                let chunk = fromServer.fileHandleForReading.availableData
                if chunk.isEmpty { throw FixtureError("the server's output ended after \(answers.count) answers") }
                for event in decoder.feed(chunk) {
                    guard case .message(let body) = event else { throw FixtureError("bad framing: \(event)") }
                    answers.append(try ReceivedResponse(body))
                }
            }
            return answers
        }
    }

    static func framed(_ body: String) -> String {
        "Content-Length: \(body.utf8.count)\r\n\r\n" + body
    }

    static let initialize = framed(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#)

    @Test func messagesSplitAndJoinedArriveWhole() async throws {
        let pipes = Pipes()
        let symbol = Self.framed(#"{"jsonrpc":"2.0","id":"é","method":"workspace/symbol","params":{"query":"café"}}"#)
        // Two messages in one write, then one cut inside its header and inside a multi-byte character.
        pipes.write(Self.initialize + Self.framed(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#))
        let bytes = Array(symbol.utf8)
        let cuts = [7, bytes.count - 8]
        pipes.toServer.fileHandleForWriting.write(Data(bytes[..<cuts[0]]))
        pipes.toServer.fileHandleForWriting.write(Data(bytes[cuts[0]..<cuts[1]]))
        pipes.toServer.fileHandleForWriting.write(Data(bytes[cuts[1]...]))
        let answers = try await pipes.read(2)
        #expect(answers.map(\.id) == [.number(1), .string("é")])
        #expect(answers[1].result == .array([]))
        try pipes.closeInput()
    }

    @Test func aBrokenHeaderIsAnsweredAndTheNextMessageServed() async throws {
        let pipes = Pipes()
        pipes.write(Self.initialize)
        pipes.write("Content-Length: many\r\n\r\n{}" + Self.framed(#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#))
        let answers = try await pipes.read(3)
        #expect(answers[0].id == .number(1))
        #expect(answers[1].id == nil && answers[1].error?.code == -32700)
        #expect(answers[2].id == .number(2) && answers[2].error == nil)
        pipes.write(Self.framed(#"{"jsonrpc":"2.0","method":"exit"}"#))
        #expect(await pipes.served.value == 0)
    }

    @Test func theEndOfInputWithoutShutdownEndsWithStatusOne() async throws {
        let pipes = Pipes()
        pipes.write(Self.initialize)
        _ = try await pipes.read(1)
        try pipes.closeInput()
        #expect(await pipes.served.value == 1)
    }
}
