import Foundation
import Testing

@testable import PassimArticles

/// `.passimignore` patterns, gitignore syntax: each row is the file's text, a path relative to
/// its folder, whether the path is a folder, and the verdict (nil: no pattern matches).
@Suite struct IgnoreRulesTests {
    static let cases: [(rules: String, path: String, isDirectory: Bool, excluded: Bool?)] = [
        ("*.tmp.txt", "a.tmp.txt", false, true),
        ("*.tmp.txt", "deep/er/a.tmp.txt", false, true),
        ("*.tmp.txt", "a.txt", false, nil),
        ("drafts/", "drafts", true, true),
        ("drafts/", "drafts", false, nil),
        ("drafts/", "notes/drafts", true, true),
        ("/drafts", "drafts", true, true),
        ("/drafts", "notes/drafts", true, nil),
        ("notes/*.md", "notes/a.md", false, true),
        ("notes/*.md", "notes/deep/a.md", false, nil),
        ("notes/*.md", "x/notes/a.md", false, nil),
        ("**/cache", "cache", true, true),
        ("**/cache", "a/b/cache", true, true),
        ("a/**/b.txt", "a/b.txt", false, true),
        ("a/**/b.txt", "a/x/y/b.txt", false, true),
        ("a/**", "a/x/y.txt", false, true),
        ("a/**", "a", true, nil),
        ("*.txt\n!keep.txt", "keep.txt", false, false),
        ("*.txt\n!keep.txt", "other.txt", false, true),
        ("!keep.txt\n*.txt", "keep.txt", false, true),
        ("# a comment\n\n   \nold?.txt", "old1.txt", false, true),
        ("\\#hash.txt", "#hash.txt", false, true),
        ("[ab].txt", "b.txt", false, true),
        ("[ab].txt", "c.txt", false, nil),
        ("trailing.txt   ", "trailing.txt", false, true),
        ("crlf.txt\r", "crlf.txt", false, true),
    ]

    @Test(arguments: cases.indices)
    func patternsDecideLikeGitignore(_ index: Int) {
        let row = Self.cases[index]
        #expect(
            IgnoreRules(row.rules).excludes(row.path, isDirectory: row.isDirectory) == row.excluded,
            "\(row.rules.debugDescription) on \(row.path)")
    }

    @Test func aScanListsWhatItSkipsAndWhy() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let body = "Title\n\nA paragraph about collagen.\n"
        for name in ["a.txt", "notes/b.md", "drafts/c.txt", "notes/d.tmp.txt", "notes/keep.tmp.txt"] {
            try dir.write(name, body)
        }
        try dir.write("paper.pdf", "%PDF-1.4")
        try dir.write("README.md", body)
        try dir.write(".hidden.txt", body)
        try dir.write(".passimignore", "drafts/\n*.tmp.txt\n")
        try dir.write("notes/.passimignore", "!keep.tmp.txt\n")
        let (results, skipped) = CorpusScanner(paths: [dir.path]).scanReportingSkipped()
        #expect(results.compactMap { try? $0.get().id } == ["a", "notes/b", "notes/keep.tmp"])
        #expect(
            skipped == [
                SkippedFile(path: dir.path + "/README.md", reason: .readme),
                SkippedFile(path: dir.path + "/drafts", reason: .ignored),
                SkippedFile(path: dir.path + "/notes/d.tmp.txt", reason: .ignored),
                SkippedFile(path: dir.path + "/paper.pdf", reason: .unsupportedType),
            ])
    }
}
