import NIOConcurrencyHelpers
import PassimProtocol

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes each message to a file descriptor (standard output) with LSP's `Content-Length`
/// header, whole: a lock keeps two tasks' answers from interleaving.
public final class FileDescriptorOutput: LSPOutput {
    private let descriptor: Int32
    private let lock = NIOLock()

    /// An output writing to `descriptor`, which the caller keeps open.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    public func send(_ message: [UInt8]) {
        let framed = Framing.contentLength.frame(message)
        lock.withLock {
            framed.withUnsafeBytes { buffer in
                var written = 0
                while written < buffer.count {
                    let count = write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
                    if count < 0 && errno == EINTR { continue }
                    // The client is gone (EPIPE): nobody is left to answer.
                    if count <= 0 { return }
                    written += count
                }
            }
        }
    }
}
