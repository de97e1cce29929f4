import Foundation

/// Runs `body(0..<count)` on `count` threads at once and waits for all of them; the failures
/// they report (nil for success) are collected.
func concurrently(_ count: Int, _ body: @escaping @Sendable (Int) -> String?) -> [String] {
    let failures = Failures()
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        let thread = Thread {
            if let failure = body(index) { failures.add(failure) }
            group.leave()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
    group.wait()
    return failures.all
}

/// Failure messages collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    var all: [String] { lock.withLock { messages } }

    func add(_ message: String) {
        lock.withLock { messages.append(message) }
    }
}
