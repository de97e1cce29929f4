import Foundation
import PassimProtocol

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads LSP messages (`Content-Length` framing) from a file descriptor and hands them to a
/// `LanguageServer` in order, until `exit` or the end of the input.
public struct StdioTransport: Sendable {
    /// LSP clients send whole documents (`textDocument/didOpen`), which the server ignores but
    /// must read past: the limit is well above any article, and still bounds memory.
    public static let maxMessageBytes = 64 << 20

    private let input: Int32

    /// A transport reading `input` (standard input), which the caller keeps open.
    public init(input: Int32) {
        self.input = input
    }

    /// Serves until `exit` (its status: 0 after `shutdown`, else 1) or the end of the input
    /// (the same rule), after answering what is pending.
    public func run(_ server: LanguageServer) async -> Int32 {
        var decoder = FrameDecoder(maxMessageBytes: Self.maxMessageBytes, framing: .contentLength)
        for await chunk in chunks() {
            for event in decoder.feed(chunk) {
                if let status = await deliver(event, to: server) { return status }
            }
        }
        for event in decoder.finish() {
            if let status = await deliver(event, to: server) { return status }
        }
        await server.drain()
        return await server.exitStatus
    }

    private func deliver(_ event: FrameDecoder.Event, to server: LanguageServer) async -> Int32? {
        switch event {
        case .message(let body):
            return await server.receive(body)
        case .error(let error):
            await server.receive(error)
            return nil
        }
    }

    /// The input's bytes as they arrive, read on a thread of their own: a blocking `read`
    /// must not hold a thread of the cooperative pool, where the searches run.
    private func chunks() -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        let input = input
        let thread = Thread {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                continuation.yield(Array(buffer[..<count]))
            }
            continuation.finish()
        }
        thread.start()
        return stream
    }
}
