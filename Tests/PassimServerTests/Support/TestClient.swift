import Foundation
import PassimProtocol

/// How the test client frames what it sends and parses what it gets.
enum TestFraming: Sendable {
    case lines
    case contentLength

    func frame(_ body: [UInt8]) -> [UInt8] {
        switch self {
        case .lines: return body + [0x0A]
        case .contentLength: return Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
        }
    }
}

enum TestClientError: Error, CustomStringConvertible {
    case system(String)
    case timeout
    case closed
    case malformed(String)

    var description: String {
        switch self {
        case .system(let text): return "system error: \(text)"
        case .timeout: return "no answer in time"
        case .closed: return "the server closed the connection"
        case .malformed(let text): return "malformed message from the server: \(text)"
        }
    }
}

/// A blocking test-only JSON-RPC client on a Unix socket, written against the protocol
/// document rather than the server's code: raw POSIX sockets, either framing.
final class TestClient: @unchecked Sendable {
    let framing: TestFraming
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var nextID = 1
    /// Notifications met while waiting for responses, in arrival order.
    private(set) var notifications: [JSONValue] = []

    init(socket path: String, framing: TestFraming = .lines) throws {
        self.framing = framing
        descriptor = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestClientError.system(String(cString: strerror(errno))) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        // On a throw below, deinit closes the descriptor (the object is fully initialized by
        // then); closing it here as well would close whatever another thread opened meanwhile.
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw TestClientError.system("socket path too long")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            throw TestClientError.system("connect: \(String(cString: strerror(errno)))")
        }
    }

    deinit { close() }

    func close() {
        if descriptor >= 0 {
            Glibc.close(descriptor)
            descriptor = -1
        }
    }

    /// Shuts both directions down, which wakes a thread blocked in `send`.
    func shutdownBoth() {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
    }

    /// Closes the writing side, as `socat` does at the end of its input.
    func shutdownWrite() {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Writes bytes as they are (no framing). MSG_NOSIGNAL: a closed peer must not kill the tests.
    func send(raw bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard written > 0 else { throw TestClientError.system("send: \(String(cString: strerror(errno)))") }
            offset += written
        }
    }

    /// Frames and sends one message given as JSON text.
    func send(json: String) throws {
        try send(raw: framing.frame(Array(json.utf8)))
    }

    /// Sends a request with a fresh numeric id and returns the id.
    @discardableResult
    func request(_ method: String, params: JSONValue? = nil) throws -> Int {
        let id = nextID
        nextID += 1
        var message: [String: JSONValue] = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method)]
        if let params { message["params"] = params }
        try send(json: Self.encode(.object(message)))
        return id
    }

    /// Sends a notification.
    func notify(_ method: String, params: JSONValue) throws {
        try send(json: Self.encode(["jsonrpc": "2.0", "method": .string(method), "params": params]))
    }

    /// Sends a request and waits for its response (notifications meanwhile are kept).
    func call(_ method: String, params: JSONValue? = nil, timeout: Double = 60) throws -> JSONValue {
        let id = try request(method, params: params)
        return try response(id: .int(id), timeout: timeout)
    }

    /// Waits for the response with this id.
    func response(id: JSONValue, timeout: Double = 60) throws -> JSONValue {
        while true {
            guard let message = try next(timeout: timeout) else { throw TestClientError.closed }
            if message["id"] == nil, message["method"] != nil {
                notifications.append(message)
                continue
            }
            if message["id"] == id { return message }
            throw TestClientError.malformed("expected the answer to \(id), got \(message)")
        }
    }

    /// Waits for the next message of any kind; nil at the end of the stream.
    func next(timeout: Double = 60) throws -> JSONValue? {
        guard let bytes = try readMessage(timeout: timeout) else { return nil }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw TestClientError.malformed(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Waits for a notification with this method, keeping others.
    func notification(_ method: String, timeout: Double = 60) throws -> JSONValue {
        if let index = notifications.firstIndex(where: { $0["method"]?.string == method }) {
            return notifications.remove(at: index)
        }
        while true {
            guard let message = try next(timeout: timeout) else { throw TestClientError.closed }
            if message["method"]?.string == method { return message }
            notifications.append(message)
        }
    }

    /// The bytes of the next message in this client's framing; nil at the end of the stream.
    func readMessage(timeout: Double = 60) throws -> [UInt8]? {
        while true {
            if let message = try takeMessage() { return message }
            guard try fill(timeout: timeout) else {
                guard buffer.allSatisfy({ $0 == 0x0A || $0 == 0x0D }) else {
                    throw TestClientError.malformed("stream ended inside a message")
                }
                return nil
            }
        }
    }

    /// True when the server closes the connection (EOF) within `timeout`, ignoring any messages.
    func waitForClose(timeout: Double = 30) throws -> Bool {
        while true {
            do {
                guard try fill(timeout: timeout) else { return true }
            } catch TestClientError.timeout {
                return false
            } catch TestClientError.system {
                return true  // reset by peer
            }
        }
    }

    private func takeMessage() throws -> [UInt8]? {
        switch framing {
        case .lines:
            guard let newline = buffer.firstIndex(of: 0x0A) else { return nil }
            let line = Array(buffer[..<newline])
            buffer.removeSubrange(...newline)
            return line
        case .contentLength:
            let separator: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
            guard let end = buffer.indices.first(where: { buffer[$0...].starts(with: separator) }) else { return nil }
            let header = String(decoding: buffer[..<end], as: UTF8.self)
            guard header.hasPrefix("Content-Length: "), let length = Int(header.dropFirst("Content-Length: ".count))
            else {
                throw TestClientError.malformed("header \(header)")
            }
            let bodyStart = end + 4
            guard buffer.count >= bodyStart + length else { return nil }
            let body = Array(buffer[bodyStart..<(bodyStart + length)])
            buffer.removeSubrange(..<(bodyStart + length))
            return body
        }
    }

    /// Reads what is available; false at end of stream.
    private func fill(timeout: Double) throws -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(timeout * 1000))
        guard ready > 0 else {
            if ready == 0 { throw TestClientError.timeout }
            throw TestClientError.system("poll: \(String(cString: strerror(errno)))")
        }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { Glibc.recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count < 0 { throw TestClientError.system("recv: \(String(cString: strerror(errno)))") }
        if count == 0 { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }

    static func encode(_ value: JSONValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

extension JSONValue {
    /// The member `key` of an object.
    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The element `index` of an array.
    subscript(index: Int) -> JSONValue? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    var int: Int? {
        if case .int(let value) = self { return value }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The `error.code` of a response, if it is an error.
    var errorCode: Int? { self["error"]?["code"]?.int }

    /// Decodes this value (e.g. a response's `result`) as `T`.
    func decoded<T: Decodable>(_ type: T.Type) throws -> T {
        try decode(T.self)
    }
}
