#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How messages are delimited on a connection. The server detects it from a connection's first
/// bytes (see `FrameDecoder`) and answers in the same framing.
public enum Framing: String, Sendable, Hashable, CaseIterable {
    /// LSP's base protocol: `Content-Length: N\r\n\r\n` then N bytes of JSON. What Vim 9
    /// (`mode: lsp`), Neovim's `vim.lsp.rpc`, Emacs `jsonrpc.el` and `vscode-jsonrpc` speak.
    case contentLength = "content-length"
    /// One JSON object per line, ended by `\n` or `\r\n`; for `socat`, `nc -U` and scripts.
    case lines

    /// `message` framed for sending. Line framing needs a message without a raw newline, which
    /// `MessageEncoder`'s compact JSON guarantees.
    public func frame(_ message: some Collection<UInt8>) -> [UInt8] {
        switch self {
        case .contentLength:
            var framed = Array("Content-Length: \(message.count)\r\n\r\n".utf8)
            framed.reserveCapacity(framed.count + message.count)
            framed.append(contentsOf: message)
            return framed
        case .lines:
            precondition(!Self.containsNewline(message), "a line-framed message must not contain a newline")
            var framed: [UInt8] = []
            framed.reserveCapacity(message.count + 1)
            framed.append(contentsOf: message)
            framed.append(ASCII.newline)
            return framed
        }
    }

    /// Whether `bytes` has a newline: `memchr` over contiguous bytes, since a generic `contains`
    /// called across the module boundary is unspecialized and was a tenth of the daemon's CPU.
    private static func containsNewline(_ bytes: some Collection<UInt8>) -> Bool {
        let found = bytes.withContiguousStorageIfAvailable { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(ASCII.newline), buffer.count) != nil
        }
        return found ?? bytes.contains(ASCII.newline)
    }
}

/// The bytes the framing code looks for.
enum ASCII {
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A

    /// Space, tab, CR or LF: what may stand between messages.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == newline || byte == carriageReturn
    }

    /// A character allowed in a header name (RFC 9110 `tchar`).
    static func isToken(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    /// `byte` lower-cased if it is an ASCII capital letter.
    static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }
}
