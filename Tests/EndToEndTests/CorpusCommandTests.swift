import Foundation
import PassimTestSupport
import Testing

/// What `ingest` skips and `check` finds out of date, with the real binary.
@Suite struct CorpusCommandTests {
    @Test func checkSaysWhatChangedAndAnIngestWithoutPathsBringsTheIndexBack() throws {
        let dir = try TemporaryDirectory()
        let notes = URL(fileURLWithPath: dir.path("notes")).resolvingSymlinksInPath().path
        try dir.write("notes/a.txt", "Alpha\n\nA note about collagen and alphaword.\n")
        try dir.write("notes/b.txt", "Beta\n\nA note about elastin and betaword.\n")
        try dir.write("notes/paper.pdf", "%PDF-1.4 not an article")
        try dir.write("notes/drafts/x.txt", "Draft\n\nNot ready to be found.\n")
        try dir.write("notes/.passimignore", "drafts/\n")
        let first = try PassimProcess.run(["ingest", "--index", "idx", "-v", "notes"], in: dir.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "added 2, updated 0, unchanged 0, removed 0, failed 0, skipped 2\n")
        // Paths as typed, as failures are.
        #expect(first.stderr.contains("skipped (not an article file type): notes/paper.pdf\n"), "\(first.stderr)")
        #expect(first.stderr.contains("skipped (excluded by .passimignore): notes/drafts\n"), "\(first.stderr)")
        #expect(try PassimProcess.run(["check", "--index", "idx"], in: dir.url).status == 0)

        try dir.write("notes/a.txt", "Alpha\n\nA rewritten note about collagen.\n")
        try FileManager.default.removeItem(atPath: dir.path("notes/b.txt"))
        try dir.write("notes/c.md", "Gamma\n\nA new note about fibroblasts.\n")
        let check = try PassimProcess.run(["check", "--index", "idx"], in: dir.url)
        #expect(check.status == 1)
        #expect(check.stdout.hasSuffix(": 3 files out of date\n"), "\(check.stdout)")
        for line in [
            "changed since it was ingested: \(notes)/a.txt", "deleted since it was ingested: \(notes)/b.txt",
            "not ingested: \(notes)/c.md", "to bring the index up to date: passim ingest --prune \(notes)",
        ] {
            #expect(check.stderr.contains(line), "\(line) in \(check.stderr)")
        }
        #expect(try PassimProcess.run(["check", "--index-only", "--index", "idx"], in: dir.url).status == 0)

        // No paths: the index's own roots, from wherever the command runs.
        let again = try PassimProcess.run(["ingest", "--index", dir.path("idx"), "--prune"], in: dir.file("notes"))
        #expect(again.stdout == "added 1, updated 1, unchanged 0, removed 1, failed 0, skipped 2\n", "\(again.stderr)")
        let after = try PassimProcess.run(["check", "--index", "idx"], in: dir.url)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout.hasSuffix(": ok\n"))
    }
}
