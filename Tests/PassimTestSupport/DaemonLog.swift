import Foundation

/// A daemon's standard error, copied to its log file as it comes, with a signal for the
/// line that says it listens (its readiness, without polling the socket). Its parts are set
/// once and the semaphore is thread-safe; `Pipe` is not marked `Sendable`, hence unchecked.
public final class DaemonLog: @unchecked Sendable {
    /// The daemon's standard error: pass it to the process before it starts.
    public let pipe = Pipe()
    private let file: String
    private let listening = DispatchSemaphore(value: 0)

    /// Copies into `file` (created empty).
    public init(file: String) {
        self.file = file
        _ = FileManager.default.createFile(atPath: file, contents: nil)
    }

    /// Copies everything the daemon writes until it closes standard error.
    public func startDraining() {
        let reading = pipe.fileHandleForReading
        let output = FileHandle(forWritingAtPath: file)
        let listening = self.listening
        let thread = Thread {
            var seen = false
            var pending = ""
            while true {
                let chunk = reading.availableData
                if chunk.isEmpty { break }
                output?.write(chunk)
                guard !seen else { continue }
                pending += String(decoding: chunk, as: UTF8.self)
                if pending.contains(" listening\n") {
                    seen = true
                    listening.signal()
                }
            }
            try? output?.close()
            // Standard error closed: the daemon is gone; wake a waiter that would wait in vain.
            if !seen { listening.signal() }
        }
        thread.start()
        // The daemon holds the writing end; ours must close or the reader never sees the end.
        try? pipe.fileHandleForWriting.close()
    }

    /// True when the daemon said it listens within `timeout`.
    public func waitForListening(timeout: Double) -> Bool {
        guard listening.wait(timeout: .now() + timeout) == .success else { return false }
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        return text.contains(" listening\n")
    }
}

extension Process {
    /// Waits up to `timeout` seconds for the process to exit, without polling; true when it did.
    public func waitForExit(timeout: Double) -> Bool {
        let exited = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            self.waitUntilExit()
            exited.signal()
        }
        return exited.wait(timeout: .now() + timeout) == .success
    }
}

extension Pipe {
    /// Reads this pipe and `other` to their ends at once: reading one after the other would
    /// leave a child that fills the second one's buffer (64 KiB) blocked forever, and the
    /// reader with it.
    public func readToEnd(alongside other: Pipe) -> (Data, Data) {
        let otherData = OtherData()
        let done = DispatchSemaphore(value: 0)
        let reading = other.fileHandleForReading
        DispatchQueue.global().async {
            otherData.set(reading.readDataToEndOfFile())
            done.signal()
        }
        let data = fileHandleForReading.readDataToEndOfFile()
        done.wait()
        return (data, otherData.get())
    }
}

/// Data handed from a reading thread; the semaphore orders the hand-off, the lock makes it safe.
private final class OtherData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
