import Foundation
import PassimTestSupport
import Testing

/// `passim ingest` through the real binary: counts, incremental updates, pruning, bad input.
@Suite struct IngestCommandTests {
    @Test func ingestsTheSeedCorpusAndSkipsItTheSecondTime() throws {
        let dir = try TemporaryDirectory()
        try Repository.copyCorpus(into: dir)
        let first = try PassimProcess.run(["ingest", "--index", "idx", "corpus"], in: dir.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "added 5, updated 0, unchanged 0, removed 0, failed 0\n")
        let second = try PassimProcess.run(["ingest", "--index", "idx", "corpus"], in: dir.url)
        #expect(second.status == 0)
        #expect(second.stdout == "added 0, updated 0, unchanged 5, removed 0, failed 0\n")
        let check = try PassimProcess.run(["check", "--index", "idx"], in: dir.url)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.hasPrefix("5 articles, "))
        #expect(check.stdout.hasSuffix(": ok\n"))
    }

    @Test func replacesChangedArticlesAndPrunesDeletedOnes() throws {
        let dir = try TemporaryDirectory()
        try Repository.copyCorpus(into: dir)
        _ = try PassimProcess.run(["ingest", "--index", "idx", "corpus"], in: dir.url)
        try dir.write(
            "corpus/002_b106e229ab5425a0.txt",
            "Zebrafish Fins\n\nZebrafish regrow their fins after injury, a model for regeneration.\n")
        try FileManager.default.removeItem(at: dir.file("corpus/004_55efc0094c87fb09.txt"))
        let withoutPrune = try PassimProcess.run(["ingest", "--index", "idx", "corpus"], in: dir.url)
        #expect(withoutPrune.stdout == "added 0, updated 1, unchanged 3, removed 0, failed 0\n")
        let pruned = try PassimProcess.run(["ingest", "--index", "idx", "--prune", "corpus"], in: dir.url)
        #expect(pruned.stdout == "added 0, updated 0, unchanged 4, removed 1, failed 0\n")

        let zebra = try PassimProcess.run(["search", "--index", "idx", "--json", "zebrafish"], in: dir.url)
        let result = try SearchJSON.decode(zebra.stdout)
        #expect(result.hits.map(\.passage.id) == ["002_b106e229ab5425a0#1"])
        #expect(result.hits.first?.article.title == "Zebrafish Fins")
        let gone = try PassimProcess.run(
            ["search", "--index", "idx", "--json", "article:004_55efc0094c87fb09"], in: dir.url)
        #expect(try SearchJSON.decode(gone.stdout).hits.isEmpty)
        let check = try PassimProcess.run(["check", "--index", "idx"], in: dir.url)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func reportsEachBadFileAndIngestsTheRest() throws {
        let dir = try TemporaryDirectory()
        try dir.write(
            "in/good.txt", "A Good Article\n\nCollagen remodelling softens atrophic scars over several months.\n")
        try dir.write("in/empty.txt", "")
        try dir.write("in/binary.txt", Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x00, 0x00]))
        // "Café au lait" in Latin-1: 0xE9 is not valid UTF-8 here.
        try dir.write(
            "in/latin1.txt", Data([0x43, 0x61, 0x66, 0xE9, 0x20, 0x61, 0x75, 0x20, 0x6C, 0x61, 0x69, 0x74, 0x0A]))
        let result = try PassimProcess.run(["ingest", "--index", "idx", "in", "missing-folder"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stdout == "added 1, updated 0, unchanged 0, removed 0, failed 4\n")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(result.stderr)")
        #expect(lines.contains { $0.contains("empty.txt") && $0.localizedCaseInsensitiveContains("empty") })
        #expect(lines.contains { $0.contains("binary.txt") && $0.localizedCaseInsensitiveContains("binary") })
        #expect(lines.contains { $0.contains("latin1.txt") && $0.localizedCaseInsensitiveContains("UTF-8") })
        #expect(lines.contains { $0.contains("missing-folder") && $0.contains("no such file or directory") })
        let search = try PassimProcess.run(["search", "--index", "idx", "--json", "collagen"], in: dir.url)
        #expect(try SearchJSON.decode(search.stdout).hits.map(\.article.id) == ["in/good"])
    }

    @Test func filesOverTheSizeLimitAreReportedAndTheRestIngested() throws {
        let dir = try TemporaryDirectory()
        try dir.write("notes/small.txt", "Small Note\n\nA short note about collagen that fits any limit.\n")
        try dir.write(
            "notes/long.txt", "Long Note\n\n" + String(repeating: "Collagen and elastin fibres. ", count: 100))
        let limited = try PassimProcess.run(
            ["ingest", "--index", "idx", "--max-file-size", "1K", "notes"], in: dir.url)
        #expect(limited.status == 1)
        #expect(limited.stdout == "added 1, updated 0, unchanged 0, removed 0, failed 1\n")
        #expect(
            limited.stderr.contains("passim: notes/long.txt: the file is 2.8 KiB, more than the 1 KiB"),
            "\(limited.stderr)")
        let raised = try PassimProcess.run(["ingest", "--index", "idx", "--max-file-size", "1M", "notes"], in: dir.url)
        #expect(raised.stdout == "added 1, updated 0, unchanged 1, removed 0, failed 0\n", "\(raised.stderr)")
        let bad = try PassimProcess.run(["ingest", "--index", "idx", "--max-file-size", "lots", "notes"], in: dir.url)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--max-file-size takes a size such as 64M"), "\(bad.stderr)")
    }

    /// An id too long for Xapian's terms failed the whole ingest with a raw "Key too long" and
    /// none of the new files was indexed; now it is that file's failure.
    @Test func anArticleIDTooLongForTheIndexFailsAlone() throws {
        let dir = try TemporaryDirectory()
        try dir.write("notes/short.txt", "Short Name\n\nA note about collagen with a short file name.\n")
        let folder = String(repeating: "f", count: 120)
        let name = String(repeating: "n", count: 130)
        try dir.write("notes/\(folder)/\(name).txt", "Long Name\n\nA note about elastin with a long file name.\n")
        let result = try PassimProcess.run(["ingest", "--index", "idx", "notes"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stdout == "added 1, updated 0, unchanged 0, removed 0, failed 1\n", "\(result.stderr)")
        #expect(result.stderr.contains("the article id (its folder's name and the path below it"), "\(result.stderr)")
        // notes/ + 120 + / + 130 bytes.
        #expect(result.stderr.contains("is 257 bytes, and the index holds ids of at most 236"), "\(result.stderr)")
        #expect(!result.stderr.contains("Key too long"))
        let search = try PassimProcess.run(["search", "--index", "idx", "--json", "collagen"], in: dir.url)
        #expect(try SearchJSON.decode(search.stdout).hits.map(\.article.id) == ["notes/short"])
    }

    /// A path typed on the command line that is not UTF-8 reaches passim repaired; it said "no
    /// such file"; now it says what is wrong and what to pass instead.
    @Test func aPathArgumentThatIsNotUTF8SaysSo() throws {
        let dir = try TemporaryDirectory()
        let script = """
            printf 'Title\\n\\nA short note about collagen.\\n' > "$(printf 'caf\\351.txt')"
            exec "$0" ingest --index idx "$(printf 'caf\\351.txt')"
            """
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", script, PassimBinary.url.path]
        shell.currentDirectoryURL = dir.url
        let errors = Pipe()
        shell.standardError = errors
        shell.standardOutput = FileHandle.nullDevice
        try shell.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 1)
        #expect(stderr.contains("this path is not valid UTF-8"), "\(stderr)")
        #expect(!stderr.contains("no such file"))
    }

    @Test func checkAndIngestTellAnIndexOfAnotherSchemaByTheirExitStatus() throws {
        let dir = try TemporaryDirectory("passim-schema")
        try Repository.copyCorpus(into: dir)
        let ingest = try PassimProcess.run(["ingest", "--no-daemon", "--index", "idx", "corpus"], in: dir.url)
        try #require(ingest.status == 0, "\(ingest.stderr)")
        #expect(try PassimProcess.run(["check", "--index", "idx"], in: dir.url).status == 0)
        // What an older passim leaves: the same database under an older schema number
        // (scripts/run rebuilds index/ when ingest exits 3).
        let older = try XapianPython.run(
            "db = xapian.WritableDatabase(sys.argv[1], xapian.DB_OPEN); db.set_metadata('passim:schema', '3'); "
                + "db.commit()", [dir.path("idx/db")])
        try #require(older, "python3-xapian is installed by scripts/setup")
        let check = try PassimProcess.run(["check", "--index", "idx"], in: dir.url)
        #expect(check.status == 3)
        #expect(check.stderr.contains("uses schema 3"), "\(check.stderr)")
        #expect(check.stderr.contains("delete the index and ingest again"), "\(check.stderr)")
        let ingestAgain = try PassimProcess.run(["ingest", "--no-daemon", "--index", "idx", "corpus"], in: dir.url)
        #expect(ingestAgain.status == 3)
        #expect(ingestAgain.stderr.contains("uses schema 3"), "\(ingestAgain.stderr)")
    }

    @Test func anotherWriterGetsAClearMessage() throws {
        let dir = try TemporaryDirectory()
        try Repository.copyCorpus(into: dir)
        _ = try PassimProcess.run(["ingest", "--index", "idx", "corpus"], in: dir.url)
        // A real second writer: Xapian's Python bindings hold the write lock.
        let holder = try LockHolder(database: dir.file("idx/db").path)
        defer { holder.release() }
        let result = try PassimProcess.run(["ingest", "--index", "idx", "corpus"], in: dir.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("being written by another process"), "\(result.stderr)")
        #expect(result.stderr.contains("--wait"))
    }
}

extension IngestCommandTests {
    @Test func waitBlocksUntilTheOtherWriterIsDone() throws {
        let dir = try TemporaryDirectory()
        try Repository.copyCorpus(into: dir)
        _ = try PassimProcess.run(["ingest", "--index", "idx", "corpus"], in: dir.url)
        try dir.write("corpus/new.txt", "A New Article\n\nMicroneedling channels help serums reach the dermis.\n")
        let holder = try LockHolder(database: dir.file("idx/db").path)
        let stderr = Pipe()
        let waiting = try PassimProcess.start(
            ["ingest", "--index", "idx", "--wait", "corpus"], in: dir.url, stderr: stderr)
        // Without --wait the ingest fails at once with exit 2; with it, it says it waits, and
        // only then is the lock released, so it must have waited.
        #expect(stderr.waitForLine(containing: "being written by another process; waiting for it to finish"))
        #expect(waiting.isRunning)
        holder.release()
        waiting.waitUntilExit()
        #expect(waiting.terminationStatus == 0)
        let search = try PassimProcess.run(
            ["search", "--index", "idx", "--json", "microneedling channels"], in: dir.url)
        #expect(try SearchJSON.decode(search.stdout).hits.first?.article.id == "new")
    }
}

extension FileHandle {
    /// Reads up to the first newline (blocking), without the newline.
    func availableDataLine() -> String {
        var bytes: [UInt8] = []
        while true {
            let chunk = readData(ofLength: 1)
            guard let byte = chunk.first, byte != UInt8(ascii: "\n") else { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// An index another user owns (or on a read-only file system) is said to be not writable, at
/// once, with or without --wait: before, it was "being written by another process", and
/// `--wait` failed with the same words.
@Suite struct ReadOnlyIndexTests {
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func anIndexThisUserCannotWriteIsSaidToBeNotWritable() throws {
        let dir = try TemporaryDirectory()
        try Repository.copyCorpus(into: dir)
        #expect(try PassimProcess.run(["ingest", "--index", "idx", "corpus"], in: dir.url).status == 0)
        // Readable by everyone, writable by its owner (root) only; the ingest runs as nobody.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.url.path)
        for wait in [[], ["--wait"]] {
            let run = try PassimProcess.run(
                ["--reuid=65534", "--regid=65534", "--clear-groups", PassimProcess.binary.path, "ingest"] + wait
                    + ["--index", dir.path("idx"), dir.path("corpus")],
                in: dir.url, through: URL(fileURLWithPath: "/usr/bin/setpriv"))
            #expect(run.status == 2, "\(run.stderr)")
            #expect(run.stderr.contains("is not writable by you (Permission denied)"), "\(run.stderr)")
            #expect(!run.stderr.contains("another process"))
        }
    }
}
