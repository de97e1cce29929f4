import Dispatch
import NIOConcurrencyHelpers
import PassimCore

extension CorpusWatcher {
    /// Changes the watching thread hands to `serve`, and the answer it waits for.
    final class Batch: Sendable {
        let changes: CorpusChanges
        let roots: [CorpusRoot]
        private let outcome = NIOLockedValueBox<Bool?>(nil)
        private let done = DispatchSemaphore(value: 0)

        init(changes: CorpusChanges, roots: [CorpusRoot]) {
            self.changes = changes
            self.roots = roots
        }

        /// Records whether the batch was written (the first answer counts) and wakes the thread.
        func answer(_ written: Bool) {
            let first = outcome.withLockedValue { outcome in
                guard outcome == nil else { return false }
                outcome = written
                return true
            }
            if first { done.signal() }
        }

        /// Waits for the answer.
        func written() -> Bool {
            done.wait()
            return outcome.withLockedValue { $0 } ?? false
        }
    }
}
