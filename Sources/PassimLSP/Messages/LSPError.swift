/// A JSON-RPC error as LSP defines its codes: what a request is answered with when it fails.
public struct LSPError: Error, Codable, Sendable, Hashable {
    public var code: Int
    public var message: String

    public init(code: Int, message: String) {
        self.code = code
        self.message = message
    }

    /// The message is not JSON (or its framing is broken).
    public static func parseError(_ message: String) -> LSPError { LSPError(code: -32700, message: message) }
    /// The message is JSON but not a JSON-RPC request or notification.
    public static func invalidRequest(_ message: String) -> LSPError { LSPError(code: -32600, message: message) }
    /// No such method.
    public static func methodNotFound(_ method: String) -> LSPError {
        LSPError(code: -32601, message: "passim lsp has no method \"\(method)\"")
    }
    /// The params do not fit the method.
    public static func invalidParams(_ message: String) -> LSPError { LSPError(code: -32602, message: message) }
    /// A request before `initialize`.
    public static let serverNotInitialized = LSPError(
        code: -32002, message: "the server is not initialized: send initialize first")
    /// The request was cancelled (`$/cancelRequest`, or replaced by a newer `workspace/symbol`).
    public static let requestCancelled = LSPError(code: -32800, message: "the request was cancelled")
    /// The request was valid but could not be answered (no index, an unreadable one).
    public static func requestFailed(_ message: String) -> LSPError { LSPError(code: -32803, message: message) }
}
