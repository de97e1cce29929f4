import Foundation
import PassimProtocol
import PassimSocket

/// A blocking connection to the daemon for a command that asks it one or two things and exits
/// (`passim search`, `status`, `stop`).
///
/// Such a command is a fresh process each time, so what it pays before the first byte goes out
/// counts: this client starts no event-loop threads, writes its requests with `JSONBytes` and
/// reads answers with `JSONReader` rather than with Foundation's coders, and keeps a search
/// answer as the JSON it came in. It checks the socket as `DaemonClient.connect` does
/// (`SocketSafety` before connecting, the listener's `SO_PEERCRED` user before sending), and
/// every wait has a deadline; a request that times out is cancelled on the daemon. One request
/// at a time, from one thread. `DaemonClient` remains the client for long conversations: an
/// ingest with progress, several calls at once.
public final class DaemonConnection {
    /// The socket this connection talks to.
    public let socketPath: String
    private let socket: UnixSocket
    /// How long a send may wait (the socket's `SO_SNDTIMEO`).
    private let sendTimeout: Duration
    private var nextID = 1
    /// Bytes received and not yet handed out as messages.
    private var received: [UInt8] = []
    /// How much of `received` holds no newline.
    private var scanned = 0

    private init(socketPath: String, socket: UnixSocket, sendTimeout: Duration) {
        self.socketPath = socketPath
        self.socket = socket
        self.sendTimeout = sendTimeout
    }

    /// Connects to the daemon at `socketPath`. Fails with `.notRunning`, `.connectionRefused`
    /// or `.cannotConnect` when no daemon answers there, and with `.untrusted` when the socket
    /// sits where another user could have put it or is answered by another user's process.
    public static func open(socketPath: String, timeout: Duration = .seconds(2)) throws(ClientError)
        -> DaemonConnection
    {
        // Checked before a byte is sent, as `DaemonClient.connect` does: another user's socket
        // would otherwise get this user's queries, and answer with hits of its choosing.
        if let problem = SocketSafety.problem(socket: socketPath) {
            throw .untrusted(socket: socketPath, reason: problem.description)
        }
        let socket = try UnixSocket.open(path: socketPath, timeout: timeout)
        let peer = PeerCredentials.read(descriptor: socket.descriptor)
        guard let peer, peer.uid == getuid() else {
            let who =
                peer.map { "a process of user \($0.uid) (pid \($0.pid))" } ?? "a process that cannot be identified"
            throw .untrusted(socket: socketPath, reason: "it is answered by \(who), not by one of yours (\(getuid()))")
        }
        return DaemonConnection(socketPath: socketPath, socket: socket, sendTimeout: timeout)
    }

    /// Closes the connection.
    public func close() {
        socket.disconnect()
    }

    /// The handshake: the daemon's protocol version and index. Positions stay UTF-8, the CLI's own.
    public func initialize(
        clientName: String = "passim-cli", timeout: Duration = .seconds(5)
    ) throws(ClientError) -> DaemonHandshake {
        try finish(startInitialize(clientName: clientName, timeout: timeout))
    }

    /// Sends the handshake without waiting for its answer, so the caller can work meanwhile;
    /// `finish` reads the answer.
    public func startInitialize(
        clientName: String = "passim-cli", timeout: Duration = .seconds(5)
    ) throws(ClientError) -> PendingHandshake {
        let deadline = ContinuousClock.now + timeout
        let id = try send(InitializeRequest.method) { json in
            json.key("capabilities")
            json.beginObject()
            json.key("general")
            json.beginObject()
            json.key("positionEncodings")
            json.value([PositionEncoding.utf8.rawValue])
            json.endObject()
            json.endObject()
            json.key("clientInfo")
            json.beginObject()
            json.key("name")
            json.value(clientName)
            json.endObject()
        }
        return PendingHandshake(id: id, deadline: deadline, timeout: timeout)
    }

    /// The answer to a handshake `startInitialize` sent.
    public func finish(_ handshake: PendingHandshake) throws(ClientError) -> DaemonHandshake {
        try answer(
            to: handshake.id, method: InitializeRequest.method, deadline: handshake.deadline,
            timeout: handshake.timeout
        ) { reader, _ throws(JSONReadError) in try DaemonHandshake(json: &reader) }
    }

    /// An `initialize` sent and not yet answered.
    public struct PendingHandshake: Sendable {
        let id: RequestID
        let deadline: ContinuousClock.Instant
        let timeout: Duration
    }

    /// Ranked passages for `request`, decoded.
    public func search(_ request: SearchRequest, timeout: Duration = .seconds(60)) throws(ClientError)
        -> SearchResult
    {
        try call(
            SearchRequest.method, timeout: timeout, params: Self.params(of: request),
            result: { reader, _ throws(JSONReadError) in try reader.read(SearchResult.self) })
    }

    /// Ranked passages for `request`, kept as the JSON the daemon sent (see `SearchAnswer`).
    public func searchJSON(_ request: SearchRequest, timeout: Duration = .seconds(60)) throws(ClientError)
        -> SearchAnswer
    {
        try call(
            SearchRequest.method, timeout: timeout, params: Self.params(of: request),
            result: { reader, bytes throws(JSONReadError) in try SearchAnswer(json: &reader, in: bytes) })
    }

    /// The daemon's counters: what `passim status` shows.
    public func stats(timeout: Duration = .seconds(5)) throws(ClientError) -> StatsResult {
        let json = try call(
            StatsRequest.method, timeout: timeout, params: nil,
            result: { reader, bytes throws(JSONReadError) in bytes[try reader.skipValue()] })
        do {
            return try JSONDecoder().decode(StatsResult.self, from: Data(json))
        } catch {
            throw .invalidResponse(method: StatsRequest.method, detail: "\(error)")
        }
    }

    /// Asks the daemon to stop; returns once it has accepted.
    public func shutdown(timeout: Duration = .seconds(5)) throws(ClientError) {
        try call(
            ShutdownRequest.method, timeout: timeout, params: nil,
            result: { reader, _ throws(JSONReadError) in try reader.skipValue() })
    }

    // MARK: - Messages

    /// The params of a `search` request.
    private static func params(of request: SearchRequest) -> (inout JSONBytes) -> Void {
        { json in
            for (key, value) in [
                ("deadlineMs", request.deadlineMs), ("limit", request.limit), ("offset", request.offset),
                ("perArticle", request.perArticle),
            ] as [(StaticString, Int?)] {
                guard let value else { continue }
                json.key(key)
                json.value(value)
            }
            // Only when asked for, as `JSONEncoder` leaves out a nil: every other client writes
            // a request this way.
            for (key, value) in [("explain", request.explain), ("facets", request.facets)] as [(StaticString, Bool?)] {
                guard let value else { continue }
                json.key(key)
                json.value(value)
            }
            json.key("query")
            json.value(request.query)
        }
    }

    /// Sends a request and waits for its answer, whose result `result` reads.
    @discardableResult
    private func call<Value>(
        _ method: String, timeout: Duration, params: ((inout JSONBytes) -> Void)?,
        result: (inout JSONReader, ArraySlice<UInt8>) throws(JSONReadError) -> Value
    ) throws(ClientError) -> Value {
        let deadline = ContinuousClock.now + timeout
        let id = try send(method, params: params)
        return try answer(to: id, method: method, deadline: deadline, timeout: timeout, result: result)
    }

    /// Sends a request; its answer is read by `answer(to:...)`.
    private func send(_ method: String, params: ((inout JSONBytes) -> Void)?) throws(ClientError) -> RequestID {
        let id = RequestID.number(nextID)
        nextID += 1
        do {
            try socket.sendAll(Self.message(method, id: id, params: params))
        } catch .timedOut {
            throw .timeout(method: method, seconds: sendTimeout.seconds)
        } catch {
            throw .connectionClosed(socket: socketPath)
        }
        return id
    }

    /// Waits until `deadline` for the answer to `id`, whose result `result` reads; when the
    /// deadline passes first, the request is cancelled on the daemon.
    private func answer<Value>(
        to id: RequestID, method: String, deadline: ContinuousClock.Instant, timeout: Duration,
        result: (inout JSONReader, ArraySlice<UInt8>) throws(JSONReadError) -> Value
    ) throws(ClientError) -> Value {
        do {
            while true {
                let message = try nextMessage(deadline: deadline)
                let envelope: ResponseEnvelope<Value>
                do {
                    envelope = try ResponseEnvelope(message, answering: id, readResult: result)
                } catch {
                    throw ClientError.invalidResponse(method: method, detail: error.description)
                }
                switch envelope {
                case .result(let value):
                    return value
                case .error(let range):
                    throw ClientError.server(try Self.responseError(message[range], method: method))
                case .notification, .otherRequest:
                    // A one-shot command subscribes to no notification; other answers are to
                    // requests given up on earlier.
                    continue
                }
            }
        } catch let error as ClientError {
            throw error
        } catch UnixSocket.Failure.timedOut {
            cancel(id)
            throw .timeout(method: method, seconds: timeout.seconds)
        } catch {
            throw .connectionClosed(socket: socketPath)
        }
    }

    /// Tells the daemon to stop working on `id`; nobody waits for that answer any more.
    private func cancel(_ id: RequestID) {
        let message = Self.message(CancelRequestNotification.method, id: nil) { json in
            json.key("id")
            json.value(id)
        }
        try? socket.sendAll(message)
    }

    /// The next line the daemon sent, without its newline.
    private func nextMessage(deadline: ContinuousClock.Instant) throws(UnixSocket.Failure) -> [UInt8] {
        while true {
            if let newline = Self.firstNewline(in: received, from: scanned) {
                scanned = 0
                var message: [UInt8]
                if newline == received.count - 1 {
                    // The usual case, one answer per read: hand over the buffer itself.
                    message = received
                    received = []
                    message.removeLast()
                } else {
                    message = Array(received[..<newline])
                    received.removeFirst(newline + 1)
                }
                if message.last == UInt8(ascii: "\r") { message.removeLast() }
                if message.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
                return message
            }
            scanned = received.count
            try socket.receive(into: &received, deadline: deadline)
        }
    }

    /// Where the first newline at or after `start` is: `memchr`, rather than a loop over each
    /// byte of a megabyte answer.
    private static func firstNewline(in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, start < buffer.count else { return nil }
            let found = memchr(base + start, Int32(UInt8(ascii: "\n")), buffer.count - start)
            return found.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
        }
    }

    /// A request line (a notification without `id`): keys in the order `JSONEncoder` sorts
    /// them, as every other client writes them.
    private static func message(
        _ method: String, id: RequestID?, params: ((inout JSONBytes) -> Void)?
    ) -> [UInt8] {
        var json = JSONBytes(capacity: 256)
        json.beginObject()
        if let id {
            json.key("id")
            json.value(id)
        }
        json.key("jsonrpc")
        json.value("2.0")
        json.key("method")
        json.value(method)
        if let params {
            json.key("params")
            json.beginObject()
            params(&json)
            json.endObject()
        }
        json.endObject()
        return Framing.lines.frame(json.bytes)
    }

    /// An error answer's `error` member, with its data (rare enough for Foundation's decoder).
    private static func responseError(_ bytes: ArraySlice<UInt8>, method: String) throws(ClientError)
        -> ResponseError
    {
        do {
            return try JSONDecoder().decode(ResponseError.self, from: Data(bytes))
        } catch {
            throw .invalidResponse(method: method, detail: "its error is not valid: \(error)")
        }
    }
}
