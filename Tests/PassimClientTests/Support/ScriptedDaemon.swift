import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A stand-in for the daemon on a real Unix socket: it accepts one connection, and for each
/// line the client sends it writes the lines `answer` gives (none: it stays silent), until
/// `answer` returns nil, when it closes the connection. What it heard is kept, so a test can
/// check what a client sent (a `$/cancelRequest` after a timeout, say).
final class ScriptedDaemon: @unchecked Sendable {
    let socket: String
    private let listener: Int32
    private let condition = NSCondition()
    private var lines: [String] = []
    private var finished = false

    /// Listens on `socket`; `answer` gets each line heard (and its number, from 0).
    init(socket: String, answer: @escaping @Sendable (_ line: String, _ index: Int) -> [String]?) throws {
        self.socket = socket
        listener = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw ScriptError("socket: \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(socket.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0, listen(listener, 4) == 0 else { throw ScriptError("bind/listen: \(errno)") }
        let thread = Thread { [self] in serve(answer) }
        thread.start()
    }

    deinit {
        close(listener)
    }

    /// Every line heard so far.
    var heard: [String] {
        condition.lock()
        defer { condition.unlock() }
        return lines
    }

    /// Waits until a line satisfying `match` was heard, or the connection ended; whether it was.
    func waitForLine(where match: (String) -> Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !lines.contains(where: match) && !finished { condition.wait() }
        return lines.contains(where: match)
    }

    /// Stops accepting (a connection not made yet never will be).
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func serve(_ answer: (String, Int) -> [String]?) {
        defer {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else { return }
        defer { close(connection) }
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4_096)
        var index = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return }
            pending += chunk[..<count]
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeFirst(newline + 1)
                condition.lock()
                lines.append(line)
                condition.broadcast()
                condition.unlock()
                guard let replies = answer(line, index) else { return }
                index += 1
                for reply in replies {
                    let bytes = Array((reply + "\n").utf8)
                    _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                }
            }
        }
    }
}

struct ScriptError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
