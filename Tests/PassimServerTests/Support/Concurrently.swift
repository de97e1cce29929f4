import Foundation

/// Runs `body(0..<count)` on `count` threads at once and waits for all of them without
/// blocking the caller's thread; the failures they report (nil for success) are collected.
func concurrently(_ count: Int, _ body: @escaping @Sendable (Int) -> String?) async -> [String] {
    await withTaskGroup(of: String?.self) { group in
        for index in 0..<count {
            group.addTask {
                do {
                    return try await offload { body(index) }
                } catch {
                    return "thread \(index): \(error)"
                }
            }
        }
        var failures: [String] = []
        for await failure in group {
            if let failure { failures.append(failure) }
        }
        return failures
    }
}
