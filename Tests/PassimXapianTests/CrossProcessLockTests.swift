import Foundation
import PassimXapian
import Testing

private let python = "/usr/bin/python3"

/// True when the system Python has Xapian's bindings (python3-xapian), used as a foreign writer.
private let pythonXapianAvailable: Bool = {
    guard FileManager.default.isExecutableFile(atPath: python) else { return false }
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: python)
    probe.arguments = ["-c", "import xapian"]
    probe.standardError = FileHandle.nullDevice
    guard (try? probe.run()) != nil else { return false }
    probe.waitUntilExit()
    return probe.terminationStatus == 0
}()

/// Another process that opens `path` for writing, adds one document, commits, says "locked",
/// and holds the write lock until its standard input is closed.
private final class ForeignWriter {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()

    init(path: String) throws {
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            "-c",
            """
            import sys, xapian
            db = xapian.WritableDatabase(sys.argv[1], xapian.DB_CREATE_OR_OPEN)
            doc = xapian.Document(); doc.set_data("from python"); db.add_document(doc); db.commit()
            print("locked", flush=True)
            sys.stdin.read()
            db.close()
            """,
            path,
        ]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Wait until the child holds the lock (or exits without it).
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("locked") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
    }

    /// Lets the child release the lock and waits for it to exit; returns its exit status.
    func release() -> Int32 {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}

@Suite(
    "Write lock held by another process",
    .enabled(if: pythonXapianAvailable, "needs python3-xapian"))
struct CrossProcessLockTests {
    @Test func writerInAnotherProcessIsDatabaseLock() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/db"
            let foreign = try ForeignWriter(path: path)
            let error = try #require(
                xapianError { () throws(XapianError) in
                    _ = try WritableXapianDatabase(path: path)
                })
            #expect(error.code == .databaseLock)
            #expect(error.type == "DatabaseLockError")
            // Readers are not blocked by the writer.
            #expect(try XapianDatabase(path: path).documentCount() == 1)

            #expect(foreign.release() == 0)
            let writer = try WritableXapianDatabase(path: path)
            #expect(text(try writer.readView().documentData(1)) == "from python")
        }
    }

    @Test func retryLockWaitsForTheOtherWriter() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir + "/db"
            let foreign = try ForeignWriter(path: path)
            // The open blocks a thread until the lock is free, so run it off the cooperative pool.
            async let count: Result<Int, XapianError> = withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(
                        returning: Result { () throws(XapianError) -> Int in
                            let writer = try WritableXapianDatabase(
                                path: path, options: [.createOrOpen, .retryLock])
                            try writer.add(try Self.document())
                            try writer.commit()
                            return try writer.readView().documentCount()
                        })
                }
            }
            try await Task.sleep(for: .milliseconds(200))
            #expect(foreign.release() == 0)
            // The child's document plus ours: the waiting writer opened after the child let go.
            #expect(try await count.get() == 2)
        }
    }

    private static func document() throws(XapianError) -> XapianDocument {
        let document = XapianDocument()
        try document.setData(Array("from swift".utf8))
        return document
    }
}
