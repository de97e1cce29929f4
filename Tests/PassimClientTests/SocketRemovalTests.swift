import Foundation
import PassimClient
import Testing

/// `passim stop`'s wait for the daemon's socket to go.
@Suite struct SocketRemovalTests {
    @Test func aWaitEndsWhenTheFileIsRemoved() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/d.sock"
        try folder.write("d.sock", "")
        #expect(!SocketRemoval.isRemoved(path))
        let waited = WaitResult()
        let waiter = Thread { waited.finish(SocketRemoval.wait(for: path, timeout: .seconds(60))) }
        waiter.start()
        try FileManager.default.removeItem(atPath: path)
        #expect(waited.value() == true)
        #expect(SocketRemoval.isRemoved(path))
    }

    @Test func aWaitForAFileThatStaysEndsAtItsTimeout() throws {
        let folder = try TemporaryFolder()
        try folder.write("d.sock", "")
        #expect(!SocketRemoval.wait(for: folder.path + "/d.sock", timeout: .milliseconds(20)))
        #expect(SocketRemoval.wait(for: folder.path + "/none.sock", timeout: .milliseconds(20)))
    }
}

/// A value another thread delivers once.
final class WaitResult: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Bool?

    func finish(_ value: Bool) {
        condition.lock()
        result = value
        condition.broadcast()
        condition.unlock()
    }

    func value() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result ?? false
    }
}
