import Foundation
import Glibc

/// The writer host's `xapian-replicate-server`, serving an index folder's databases
/// (`catalog`, `shards/K`) to search hosts that pull them with `xapian-replicate`.
final class ReplicationMaster {
    let port: Int
    private let process: Process

    /// Whether `xapian-replicate` and its server are installed (Debian's xapian-tools).
    static let unavailableReason: String? =
        FileManager.default.isExecutableFile(atPath: "/usr/bin/xapian-replicate-server")
        ? nil : "xapian-replicate-server is missing (Debian's xapian-tools; scripts/setup installs it)"

    /// Serves `folder` on every interface at `port`; returns once it accepts connections.
    init(serving folder: String, port: Int) throws {
        self.port = port
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xapian-replicate-server")
        process.arguments = ["--port", String(port), folder]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // It prints nothing when it listens: a connection that succeeds is the sign.
        let deadline = Date().addingTimeInterval(30)
        while !Self.accepts(port: port) {
            guard process.isRunning, Date() < deadline else {
                stop()
                throw DaemonProcessError("xapian-replicate-server did not start on port \(port)")
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    deinit {
        stop()
    }

    func stop() {
        guard process.isRunning else { return }
        // It does not stop on SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Pulls `master` (a database below the served folder) into `replica` once, from this host
    /// or (with `namespace`) from a search host whose way here is its `hostAddress`. Returns
    /// xapian-replicate's summary: how many full copies and changesets it applied.
    @discardableResult
    func pull(_ master: String, into replica: String, from namespace: NetworkNamespace? = nil, forceCopy: Bool = false)
        throws -> (copies: Int, changesets: Int)
    {
        var command = [
            "xapian-replicate", "--host", namespace?.hostAddress ?? "127.0.0.1", "--port", String(port),
            "--master", master, "--one-shot", "--verbose",
            // Not 30 s between changesets for readers to finish: Passim's readers retry.
            "--reader-time", "0",
        ]
        if forceCopy { command.append("--force-copy") }
        // It makes the replica's folder, not the folders above it.
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: replica).deletingLastPathComponent(), withIntermediateDirectories: true)
        let output = Pipe()
        let process: Process
        if let namespace {
            process = try namespace.start(command + [replica], stdout: output)
        } else {
            process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/xapian-replicate")
            process.arguments = Array(command.dropFirst()) + [replica]
            process.standardOutput = output
            process.standardError = output
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // "Update complete: 0 copies, 2 changesets, new live database"
        guard process.terminationStatus == 0,
            let summary = text.split(separator: "\n").last(where: { $0.hasPrefix("Update complete:") })
        else { throw DaemonProcessError("xapian-replicate \(master) failed: \(text)") }
        let numbers = summary.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard numbers.count >= 2 else { throw DaemonProcessError("xapian-replicate said: \(summary)") }
        return (numbers[0], numbers[1])
    }

    private static func accepts(port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
