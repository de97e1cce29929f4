import Foundation
import PassimTestSupport
import Testing

/// The client trusts a socket only where the daemon itself would have put it, and only when a
/// process of the same user answers on it: another user who gets to the default socket first
/// must not receive the user's queries and paths, nor feed them forged hits.
@Suite(.serialized, .enabled(if: getuid() == 0, "needs root to act as another user"))
struct SocketTrustTests {
    static let otherUser = 65_534

    @Test func aSocketAnsweredByAnotherUserIsRefusedAndHearsNothing() throws {
        let dir = try TemporaryDirectory("passim-trust")
        let run = dir.path("run")
        try FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: false)
        #expect(chmod(run, 0o700) == 0)
        let impostor = try Impostor(socket: run + "/passim.sock", heard: dir.path("heard"), dropTo: Self.otherUser)
        defer { impostor.stop() }

        let search = try PassimProcess.run(
            ["search", "--index", "idx", "--socket", impostor.socket, "collagen"], in: dir.url)
        #expect(search.status == 1)
        #expect(search.stderr.contains("refusing the daemon socket"), "\(search.stderr)")
        #expect(search.stderr.contains("answered by a process of user \(Self.otherUser)"), "\(search.stderr)")
        #expect(!search.stdout.contains("FORGED"), "\(search.stdout)")

        try dir.write("corpus/a.txt", "A title\n\nSome text about collagen and scars, long enough to be a passage.\n")
        // At info level a command that works in-process says why it did not use the socket.
        let ingest = try PassimProcess.run(
            ["ingest", "--index", "idx", "--socket", impostor.socket, "corpus"], in: dir.url,
            environment: ["PASSIM_LOG_LEVEL": "info"])
        #expect(ingest.status == 1)
        #expect(ingest.stderr.contains("refusing the daemon socket"), "\(ingest.stderr)")
        #expect(impostor.heard().isEmpty, "the impostor received: \(impostor.heard())")
    }

    @Test func aSocketInADirectoryOfAnotherUserIsRefused() throws {
        let dir = try TemporaryDirectory("passim-trust")
        let theirs = dir.path("theirs")
        try FileManager.default.createDirectory(atPath: theirs, withIntermediateDirectories: false)
        let impostor = try Impostor(socket: theirs + "/passim.sock", heard: dir.path("heard"), dropTo: nil)
        defer { impostor.stop() }
        #expect(chown(theirs, uid_t(Self.otherUser), gid_t(Self.otherUser)) == 0)

        let search = try PassimProcess.run(
            ["search", "--index", "idx", "--socket", impostor.socket, "collagen"], in: dir.url)
        #expect(search.status == 1)
        #expect(search.stderr.contains("belongs to user \(Self.otherUser), not to you"), "\(search.stderr)")
        #expect(!search.stdout.contains("FORGED"))
        #expect(impostor.heard().isEmpty)

        let status = try PassimProcess.run(["status", "--socket", impostor.socket], in: dir.url)
        #expect(status.status != 0)
        #expect((status.stdout + status.stderr).contains("refusing the daemon socket"), "\(status.stdout)")
    }

    @Test func aDirectoryOthersMayWriteWithoutTheStickyBitIsRefused() throws {
        let dir = try TemporaryDirectory("passim-trust")
        let shared = dir.path("shared")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false)
        let impostor = try Impostor(socket: shared + "/passim.sock", heard: dir.path("heard"), dropTo: nil)
        defer { impostor.stop() }
        #expect(chmod(shared, 0o777) == 0)

        let search = try PassimProcess.run(
            ["search", "--index", "idx", "--socket", impostor.socket, "collagen"], in: dir.url)
        #expect(search.status == 1)
        #expect(search.stderr.contains("writable by other users"), "\(search.stderr)")
        #expect(impostor.heard().isEmpty)
    }
}

/// A fake daemon in Python: binds the socket (as root, so the file is root's), then, with
/// `dropTo`, becomes that user before accepting, as another user's process would be. It answers
/// every line with a forged search result and writes what it hears to `heard`.
final class Impostor: @unchecked Sendable {
    let socket: String
    private let heardPath: String
    private let process: Process

    init(socket: String, heard: String, dropTo user: Int?) throws {
        self.socket = socket
        heardPath = heard
        _ = FileManager.default.createFile(atPath: heard, contents: nil)
        _ = chmod(heard, 0o666)
        let script = """
            import os, socket, sys
            path, heard, user = sys.argv[1], sys.argv[2], int(sys.argv[3])
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            server.bind(path)
            os.chmod(path, 0o666)
            # SO_PEERCRED reports who called listen(): become the other user first.
            if user >= 0:
                os.setgid(user)
                os.setuid(user)
            server.listen(8)
            print("ready", flush=True)
            forged = b'{"jsonrpc":"2.0","id":1,"result":{"query":"x","estimatedTotal":1,"hits":[{"text":"FORGED \\x1b]0;pwned\\x07"}]}}\\n'
            while True:
                connection, _ = server.accept()
                # A client that hangs up at once (as a refusing one does) must not end the loop.
                try:
                    data = connection.recv(65536)
                    with open(heard, "ab") as f:
                        f.write(data)
                    connection.sendall(forged)
                except OSError:
                    pass
                connection.close()
            """
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, socket, heard, String(user ?? -1)]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Waits for the event itself: the line it prints once it listens.
        let line = out.fileHandleForReading.availableLine()
        guard line == "ready" else {
            kill(process.processIdentifier, SIGKILL)
            throw ImpostorError(description: "the fake daemon did not start: \(line ?? "no output")")
        }
    }

    /// What the fake daemon received from every client so far.
    func heard() -> String {
        (try? String(contentsOfFile: heardPath, encoding: .utf8)) ?? ""
    }

    /// SIGKILL: the process runs as another user and may have inherited an ignored SIGTERM.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

struct ImpostorError: Error, CustomStringConvertible {
    let description: String
}

extension FileHandle {
    /// Reads up to the first newline (blocking); nil at end of file before any byte.
    fileprivate func availableLine() -> String? {
        var bytes: [UInt8] = []
        while true {
            let chunk = readData(ofLength: 1)
            guard let byte = chunk.first else { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == 0x0A { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }
}
