import Foundation
import PassimProtocol

// The same calls for async tests: each runs its blocking socket work on a thread of its own,
// so a test waiting for an answer never holds one of the few threads the in-process daemon
// answers on. In async code these overloads are chosen; on a test's own threads
// (`concurrently`), the blocking ones.
extension TestClient {
    func send(raw bytes: [UInt8]) async throws {
        try await offload { try self.send(raw: bytes) }
    }

    func send(json: String) async throws {
        try await offload { try self.send(json: json) }
    }

    @discardableResult
    func request(_ method: String, params: JSONValue? = nil) async throws -> Int {
        try await offload { try self.request(method, params: params) }
    }

    func notify(_ method: String, params: JSONValue) async throws {
        try await offload { try self.notify(method, params: params) }
    }

    func call(_ method: String, params: JSONValue? = nil, timeout: Double = 60) async throws -> JSONValue {
        try await offload { try self.call(method, params: params, timeout: timeout) }
    }

    func response(id: JSONValue, timeout: Double = 60) async throws -> JSONValue {
        try await offload { try self.response(id: id, timeout: timeout) }
    }

    func next(timeout: Double = 60) async throws -> JSONValue? {
        try await offload { try self.next(timeout: timeout) }
    }

    func notification(_ method: String, timeout: Double = 60) async throws -> JSONValue {
        try await offload { try self.notification(method, timeout: timeout) }
    }

    func readMessage(timeout: Double = 60) async throws -> [UInt8]? {
        try await offload { try self.readMessage(timeout: timeout) }
    }

    func waitForClose(timeout: Double = 30) async throws -> Bool {
        try await offload { try self.waitForClose(timeout: timeout) }
    }
}

/// Runs blocking `body` on a new thread and waits for it without blocking the caller's thread.
func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
}
