import Foundation
import PassimProtocol
import Testing

/// The socket's place in the file system: permissions, leftovers, a second daemon, signals.
@Suite struct SocketTests {
    private func mode(_ path: String) throws -> mode_t {
        var status = stat()
        guard lstat(path, &status) == 0 else { throw FixtureError("cannot stat \(path)") }
        return status.st_mode
    }

    @Test func theDirectoryIsPrivateAndTheSocketOwnerOnly() throws {
        let server = try ProcessServerFixture(start: false)
        let nested = server.directory.path("a/b/run/passim.sock")
        try server.start(socket: nested)
        defer { server.stop() }
        #expect(try mode(nested) & S_IFMT == S_IFSOCK)
        #expect(try mode(nested) & 0o777 == 0o600)
        #expect(try mode(server.directory.path("a/b/run")) & 0o777 == 0o700)
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalStopsTheDaemonCleanly(_ signal: Int32) throws {
        let server = try ProcessServerFixture()
        defer { server.stop() }
        let idle = try server.client()
        #expect(server.stop(signal: signal) == 0)
        #expect(!FileManager.default.fileExists(atPath: server.socket))
        #expect(try idle.waitForClose())
        #expect(server.log.contains("stopped; socket removed"))
        // The lock is released: a new daemon starts on the same path.
        try server.start()
        #expect(try server.client().call("ping")["result"] == [:])
    }

    @Test func aSignalWhileClientsKeepConnectingStillStopsCleanly() throws {
        let server = try ProcessServerFixture()
        defer { server.stop() }
        let socket = server.socket
        let stop = Flag()
        let connecting = Thread {
            // Connections arriving while the listener closes must neither crash nor hang it.
            var open: [TestClient] = []
            for _ in 0..<5_000 where !stop.isSet {
                if let client = try? TestClient(socket: socket) { open.append(client) }
                if open.count > 50 { open.removeFirst(25) }
            }
        }
        connecting.start()
        for _ in 0..<20 { _ = try server.client().call("ping") }
        #expect(server.stop() == 0)
        stop.set()
        #expect(!FileManager.default.fileExists(atPath: server.socket))
        #expect(!server.log.contains("Fatal error"))
    }

    @Test func aSecondDaemonOnTheSameSocketRefusesToStart() throws {
        let server = try ProcessServerFixture()
        defer { server.stop() }
        let second = try server.serveExpectingRefusal(socket: server.socket)
        #expect(second.status == 1)
        #expect(second.stderr.contains("already serving \(server.socket)"), "\(second.stderr)")
        #expect(second.stderr.contains("pid \(server.pid)"), "\(second.stderr)")
        // The first one is untouched.
        #expect(try server.client().call("ping")["result"] == [:])
        #expect(FileManager.default.fileExists(atPath: server.socket))
    }

    @Test func aForeignListenerOnThePathIsNotTakenOver() throws {
        let server = try ProcessServerFixture(start: false)
        try FileManager.default.createDirectory(atPath: server.directory.path("run"), withIntermediateDirectories: true)
        let listener = try PlainSocket(binding: server.socket, listen: true)
        defer { listener.close() }
        let refused = try server.serveExpectingRefusal(socket: server.socket)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("already answers on \(server.socket)"), "\(refused.stderr)")
        #expect(try mode(server.socket) & S_IFMT == S_IFSOCK)
    }

    @Test func aStaleSocketIsTakenOver() throws {
        let server = try ProcessServerFixture(start: false)
        try FileManager.default.createDirectory(atPath: server.directory.path("run"), withIntermediateDirectories: true)
        try PlainSocket(binding: server.socket, listen: false).close()
        #expect(try mode(server.socket) & S_IFMT == S_IFSOCK)
        try server.start()
        defer { server.stop() }
        #expect(try server.client().call("ping")["result"] == [:])
        #expect(server.log.contains("removed a stale socket"))
    }

    @Test(arguments: ["regular file", "directory", "symbolic link", "named pipe"])
    func aLeftoverThatIsNotASocketIsNeverRemoved(_ kind: String) throws {
        let server = try ProcessServerFixture(start: false)
        let path = server.socket
        try FileManager.default.createDirectory(atPath: server.directory.path("run"), withIntermediateDirectories: true)
        let target = server.directory.path("precious.txt")
        try "precious notes".write(toFile: target, atomically: false, encoding: .utf8)
        switch kind {
        case "regular file": try "precious notes".write(toFile: path, atomically: false, encoding: .utf8)
        case "directory": try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case "symbolic link": try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        default: #expect(mkfifo(path, 0o600) == 0)
        }
        let before = try mode(path)
        let refused = try server.serveExpectingRefusal(socket: path)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("not a socket"), "\(refused.stderr)")
        #expect(refused.stderr.contains("left untouched"), "\(refused.stderr)")
        #expect(try mode(path) == before)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious notes")
        if kind == "regular file" {
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious notes")
        }
    }

    @Test func aTooLongPathIsRefusedWithItsLength() throws {
        let server = try ProcessServerFixture(start: false)
        let long = server.directory.path(String(repeating: "d", count: 120) + "/passim.sock")
        let refused = try server.serveExpectingRefusal(socket: long)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("at most \(SocketLocation.maxPathBytes)"), "\(refused.stderr)")
    }

    @Test func aDirectoryOthersCanWriteIsRefused() throws {
        let server = try ProcessServerFixture(start: false)
        let directory = server.directory.path("shared")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        #expect(chmod(directory, 0o777) == 0)
        let refused = try server.serveExpectingRefusal(socket: directory + "/passim.sock")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("writable by other users"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/passim.sock"))
    }

    @Test(.enabled(if: getuid() == 0, "needs root to give a directory to another user"))
    func aDirectoryOfAnotherUserIsRefused() throws {
        let server = try ProcessServerFixture(start: false)
        let directory = server.directory.path("theirs")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        #expect(chown(directory, 65_534, 65_534) == 0)
        let refused = try server.serveExpectingRefusal(socket: directory + "/passim.sock")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("belongs to user 65534"), "\(refused.stderr)")
    }

    /// In a sticky directory anyone may write (such as /tmp), another user could create the lock
    /// file first; the daemon refuses a lock file that is not its own user's (before, it took it).
    @Test(.enabled(if: getuid() == 0, "needs root to give a file to another user"))
    func aLockFileOfAnotherUserIsRefused() throws {
        let server = try ProcessServerFixture(start: false)
        let directory = server.directory.path("sticky")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        #expect(chmod(directory, 0o1777) == 0)
        let socket = directory + "/passim.sock"
        #expect(FileManager.default.createFile(atPath: socket + ".lock", contents: nil))
        #expect(chown(socket + ".lock", 65_534, 65_534) == 0)
        let refused = try server.serveExpectingRefusal(socket: socket)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("lock file \(socket).lock belongs to user 65534"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: socket))
    }

    @Test(.enabled(if: getuid() == 0, "needs root to connect as another user"))
    func aPeerOfAnotherUserIsRefused() throws {
        let server = try ProcessServerFixture()
        defer { server.stop() }
        // Open the file-system door wide so that only the SO_PEERCRED check stands in the way.
        #expect(chmod(server.directory.path("run"), 0o777) == 0)
        #expect(chmod(server.socket, 0o777) == 0)
        #expect(chmod(server.directory.url.path, 0o755) == 0)
        let script = """
            import os, socket, sys
            os.setgid(65534); os.setuid(65534)
            s = socket.socket(socket.AF_UNIX)
            s.settimeout(30)
            s.connect(sys.argv[1])
            try:
                s.sendall(b'{"jsonrpc":"2.0","id":1,"method":"ping"}\\n')
                data = s.recv(4096)
            except (BrokenPipeError, ConnectionResetError):
                data = b""  # the daemon closed first (a reset when our ping was left unread)
            print("answered" if data else "closed")
            """
        let result = try Python.run(script, arguments: [server.socket])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "closed")
        #expect(server.log.contains("refused a connection from another user"))
        #expect(try server.client().call("ping")["result"] == [:])
    }
}
