import Foundation
import Testing

@testable import PassimCore

/// `passim check`'s comparison of the index with the files under its roots.
@Suite struct CorpusDriftTests {
    @Test func changedDeletedAndNewFilesAreEachReported() throws {
        let project = try CorpusRootsTests.Project()
        for name in ["a", "b", "c"] {
            try project.write("notes/\(name).txt", CorpusRootsTests.text(name + "word"))
        }
        try project.ingest(["notes"])
        #expect(try CorpusDrift.measure(project.layout).isEmpty)

        try project.write("notes/a.txt", CorpusRootsTests.text("changedword"))
        try FileManager.default.removeItem(atPath: project.base + "/notes/b.txt")
        try project.write("notes/sub/d.md", CorpusRootsTests.text("newword"))
        let drift = try CorpusDrift.measure(project.layout)
        #expect(drift.modified == [project.base + "/notes/a.txt"])
        #expect(drift.deleted == [project.base + "/notes/b.txt"])
        #expect(drift.unindexed == [project.base + "/notes/sub/d.md"])
        #expect(drift.roots == [project.base + "/notes"])

        try project.ingest(["notes"], prune: true)
        #expect(try CorpusDrift.measure(project.layout).isEmpty)
    }

    /// An indexed file replaced by a named pipe is reported changed; the check does not wait
    /// for a writer on it (it read files with `FileManager.contents`, which blocks there).
    @Test func aFileReplacedByANamedPipeIsChangedNotAHang() throws {
        let project = try CorpusRootsTests.Project()
        try project.write("notes/a.txt", CorpusRootsTests.text("pipeword"))
        try project.ingest(["notes"])
        let file = project.base + "/notes/a.txt"
        try FileManager.default.removeItem(atPath: file)
        #expect(mkfifo(file, 0o644) == 0)
        let drift = try CorpusDrift.measure(project.layout)
        #expect(drift.modified == [file])
        #expect(drift.deleted.isEmpty)
    }
}
