import Foundation
import PassimClient
import Testing

/// What connecting says when no daemon can answer.
@Suite struct ConnectFailureTests {
    @Test func nothingAtThePathIsNotRunning() async throws {
        let folder = try TemporaryFolder()
        let socket = folder.path + "/none.sock"
        #expect(
            await clientError { () async throws(ClientError) in try await DaemonClient.connect(socketPath: socket) }
                == .notRunning(socket: socket))
    }

    @Test func aSocketNobodyListensOnIsRefused() async throws {
        let folder = try TemporaryFolder()
        let socket = folder.path + "/stale.sock"
        try Self.bindAndAbandon(socket)
        let error = await clientError { () async throws(ClientError) in
            try await DaemonClient.connect(socketPath: socket)
        }
        #expect(error == .connectionRefused(socket: socket))
        #expect(error?.isDaemonUnavailable == true)
        #expect(error?.description.contains("passim serve") == true)
    }

    @Test func aPathTooLongForASocketCannotConnect() async throws {
        let socket = "/tmp/" + String(repeating: "x", count: 200) + ".sock"
        let error = await clientError { () async throws(ClientError) in
            try await DaemonClient.connect(socketPath: socket)
        }
        guard case .cannotConnect(let path, let reason) = error else {
            Issue.record("expected cannotConnect, got \(String(describing: error))")
            return
        }
        #expect(path == socket && reason.contains("too long"))
    }

    /// Leaves a socket file behind with nothing listening, as a crashed daemon does.
    static func bindAndAbandon(_ path: String) throws {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        try #require(bytes.count < MemoryLayout.size(ofValue: address.sun_path))
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(bound == 0)
    }
}
