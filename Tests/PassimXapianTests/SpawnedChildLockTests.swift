import Foundation
import PassimXapian
import Synchronization
import Testing

/// Spawns `/bin/true` again and again on a thread of its own until stopped, as a process that
/// runs helper programs (or a test run that starts binaries) does beside its writers.
private final class Spawner: Sendable {
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    let spawned = Atomic<Int>(0)

    init() {
        Thread.detachNewThread { [self] in
            while !stopped.load(ordering: .relaxed) {
                var pid: pid_t = 0
                let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
                defer { argv.forEach { free($0) } }
                if posix_spawn(&pid, "/bin/true", nil, nil, argv, environ) == 0 {
                    var status: Int32 = 0
                    waitpid(pid, &status, 0)
                    spawned.add(1, ordering: .relaxed)
                }
            }
            finished.signal()
        }
    }

    func stop() {
        stopped.store(true, ordering: .relaxed)
        finished.wait()
    }
}

@Suite("Write lock next to spawned children")
struct SpawnedChildLockTests {
    /// A spawned child holds a copy of the lock's descriptor from its fork until its exec, so
    /// the lock of a writer closed an instant before outlives the close by that instant.
    @Test func aClosedWritersLockIsFreeAgainWhileChildrenAreSpawned() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/db"
            let spawner = Spawner()
            var refused = 0
            for _ in 0..<300 {
                do throws(XapianError) {
                    let writer = try WritableXapianDatabase(path: path)
                    try writer.close()
                } catch {
                    #expect(error.code == .databaseLock)
                    refused += 1
                }
            }
            spawner.stop()
            #expect(spawner.spawned.load(ordering: .relaxed) > 0)
            #expect(refused == 0)
        }
    }
}
