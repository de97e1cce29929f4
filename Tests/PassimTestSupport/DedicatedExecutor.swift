import Dispatch

/// Runs async jobs on Dispatch threads of its own, not on Swift's cooperative pool.
///
/// In-process daemons run here: the test process also runs synchronous tests that block their
/// thread for seconds (waiting for processes they started), and on two cores they can hold
/// every thread of the cooperative pool, leaving a daemon on that pool unable to answer.
@available(macOS 15, *)
public final class DedicatedExecutor: TaskExecutor, @unchecked Sendable {
    /// The one executor in-process daemons share (its queue grows threads as jobs wait).
    public static let shared = DedicatedExecutor()

    private let queue = DispatchQueue(label: "passim.test.daemons", attributes: .concurrent)

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
