import Foundation
import Testing

@testable import PassimCore

#if canImport(Glibc)
    import Glibc
#endif

/// An ingest judges a file unchanged by its size and modification time before reading it, as
/// `make` and `rsync` do; a file whose time changed is read and judged by its content.
@Suite struct UnchangedFileTests {
    static func modificationTime(_ path: String) -> timespec {
        var info = stat()
        _ = stat(path, &info)
        return info.st_mtim
    }

    @Test func sizeAndTimeDecideBeforeAnyRead() throws {
        let project = try CorpusRootsTests.Project()
        let file = project.base + "/notes/a.txt"
        try project.write("notes/a.txt", CorpusRootsTests.text("alphaword"))
        #expect(try project.ingest(["notes"]).added == 1)
        let indexed = Self.modificationTime(file)

        // Same bytes, newer time: read, hashed, unchanged.
        try project.write("notes/a.txt", CorpusRootsTests.text("alphaword"))
        #expect(try project.ingest(["notes"]).unchanged == 1)

        // Other bytes of the same length with the indexed time put back: not read at all, so
        // taken as unchanged (the trade-off every stat-based tool makes).
        try project.write("notes/a.txt", CorpusRootsTests.text("omegaword"))
        var times = [indexed, indexed]
        #expect(utimensat(AT_FDCWD, file, &times, 0) == 0)
        let skipped = try project.ingest(["notes"])
        #expect(skipped.unchanged == 1 && skipped.updated == 0, "\(skipped.summary)")

        // Any other time: read again, and the new words are found.
        try project.write("notes/a.txt", CorpusRootsTests.text("omegaword"))
        #expect(try project.ingest(["notes"]).updated == 1)
        #expect(try Searcher(layout: project.layout).search(SearchParameters(query: "omegaword")).hits.count == 1)
    }
}
