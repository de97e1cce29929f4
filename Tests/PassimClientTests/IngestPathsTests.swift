import PassimClient
import Testing

/// `IngestPaths`: absolute for the daemon, and back to the user's spelling for the report.
@Suite struct IngestPathsTests {
    @Test func pathsAreMadeAbsoluteAgainstTheWorkingDirectory() {
        let paths = IngestPaths(["corpus", "./notes/", "/srv/a.txt", "x/../y"], relativeTo: "/home/ana")
        #expect(paths.absolute == ["/home/ana/corpus", "/home/ana/notes", "/srv/a.txt", "/home/ana/y"])
    }

    /// (given paths, path the daemon reported, what the user sees: what a direct scan prints)
    @Test(arguments: [
        (["corpus"], "/home/ana/corpus/a.txt", "corpus/a.txt"),
        (["corpus/"], "/home/ana/corpus/sub/a.txt", "corpus/sub/a.txt"),
        (["./corpus"], "/home/ana/corpus/a.txt", "./corpus/a.txt"),
        (["a.txt"], "/home/ana/a.txt", "a.txt"),
        (["/srv/notes"], "/srv/notes/n.md", "/srv/notes/n.md"),
        (["corpus"], "/home/ana/corpus2/a.txt", "/home/ana/corpus2/a.txt"),
        (["notes", "corpus"], "/home/ana/corpus/a.txt", "corpus/a.txt"),
    ])
    func reportedPathsReadAsGiven(given: [String], reported: String, shown: String) {
        #expect(IngestPaths(given, relativeTo: "/home/ana").display(reported) == shown)
    }
}
