/// Where the server's messages go: each call is one whole message body (JSON), which the
/// transport frames. Called from several tasks; each message must go out whole.
public protocol LSPOutput: Sendable {
    func send(_ message: [UInt8])
}
