import Foundation
import Glibc

/// A daemon's socket spoken to in its newline framing, one request per line, as `socat` would
/// (PROTOCOL.md, "Framing"): for methods the CLI has no command for.
struct LineClient {
    let socket: String

    /// Sends each request (its `id` is its place in the list) on one connection and returns the
    /// answers' `result` objects in the same order (nil for an error answer).
    func call(_ requests: [(method: String, params: [String: Any])]) throws -> [NSDictionary?] {
        let descriptor = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw DaemonProcessError("socket: errno \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { path in
            for (index, byte) in socket.utf8.prefix(path.count - 1).enumerated() { path[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else { throw DaemonProcessError("cannot connect to \(socket): errno \(errno)") }
        var lines = Data()
        for (id, request) in requests.enumerated() {
            let message: [String: Any] = [
                "jsonrpc": "2.0", "id": id, "method": request.method, "params": request.params,
            ]
            lines += try JSONSerialization.data(withJSONObject: message) + Data("\n".utf8)
        }
        let written = lines.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == lines.count else { throw DaemonProcessError("short write to \(socket)") }
        shutdown(descriptor, Int32(SHUT_WR))
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { break }
            received.append(contentsOf: buffer[0..<count])
        }
        var results = [NSDictionary?](repeating: nil, count: requests.count)
        for line in received.split(separator: UInt8(ascii: "\n")) {
            guard let answer = try JSONSerialization.jsonObject(with: Data(line)) as? NSDictionary,
                let id = answer["id"] as? Int, results.indices.contains(id)
            else { continue }
            results[id] = answer["result"] as? NSDictionary
        }
        return results
    }
}
