import Foundation
import Testing

@testable import PassimServer

/// Which folders the index watcher trusts inotify for: real file systems of this machine, each
/// asked of the kernel (statfs), and the nearest existing folder for a path not made yet.
@Suite struct LocalFileSystemTests {
    @Test(arguments: [
        (FileManager.default.temporaryDirectory.path, true),
        (FileManager.default.temporaryDirectory.path + "/not/made/yet", true),
        // Pseudo file systems are not in the list of local ones: what is unknown is polled.
        ("/proc/self", false),
        ("/sys/kernel", false),
    ])
    func localFileSystemsAreKnownByTheirType(path: String, local: Bool) {
        #expect(LocalFileSystem.contains(path) == local)
    }
}
