import PassimProtocol
import Testing

@Suite("Socket location")
struct SocketLocationTests {
    @Test(arguments: [
        (["PASSIM_SOCKET": "/srv/p.sock", "XDG_RUNTIME_DIR": "/run/user/1000"], "/srv/p.sock"),
        (["PASSIM_SOCKET": "", "XDG_RUNTIME_DIR": "/run/user/1000"], "/run/user/1000/passim/passim.sock"),
        (["XDG_RUNTIME_DIR": "/run/user/1000/"], "/run/user/1000/passim/passim.sock"),
        (["XDG_RUNTIME_DIR": "relative/dir"], "/tmp/passim-1000/passim.sock"),
        (["XDG_RUNTIME_DIR": ""], "/tmp/passim-1000/passim.sock"),
        ([:], "/tmp/passim-1000/passim.sock"),
    ])
    func defaultPath(_ environment: [String: String], _ expected: String) {
        #expect(SocketLocation.defaultPath(environment: environment, userID: 1000) == expected)
    }

    @Test func permissionsAreOwnerOnly() {
        #expect(SocketLocation.directoryMode == 0o700)
        #expect(SocketLocation.socketMode == 0o600)
    }
}
