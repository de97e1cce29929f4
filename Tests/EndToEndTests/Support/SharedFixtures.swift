import Foundation
import PassimTestSupport

/// Fixtures shared by a whole suite live in static properties, whose deinit never runs;
/// this removes their directories when the test process exits.
enum SharedFixtures {
    private static let registry = Registry()

    static func removeAtExit(_ directory: TemporaryDirectory) {
        registry.add(directory.url.path)
    }

    private final class Registry: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: [String] = []
        private var installed = false

        func add(_ path: String) {
            lock.lock()
            defer { lock.unlock() }
            paths.append(path)
            if !installed {
                installed = true
                atexit { SharedFixtures.registry.removeAll() }
            }
        }

        func removeAll() {
            lock.lock()
            defer { lock.unlock() }
            for path in paths { try? FileManager.default.removeItem(atPath: path) }
            paths.removeAll()
        }
    }
}
