import Foundation
import Logging
import Testing

@testable import PassimCore

/// Articles are named by their corpus root: one file is one article whichever path reached
/// it, two roots holding the same name are two articles, and a moved root keeps its ids.
@Suite struct CorpusRootsTests {
    /// An index at `<dir>/index` and folders of articles around it.
    final class Project {
        let index: TemporaryIndex
        /// The project folder, links resolved (as roots and records keep paths).
        let base: String
        var layout: IndexLayout { IndexLayout(directory: base + "/index") }

        init() throws {
            index = try TemporaryIndex()
            base = RealPath.of(index.directory.path) ?? index.directory.path
        }

        func write(_ relative: String, _ text: String) throws {
            let url = URL(fileURLWithPath: base + "/" + relative)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: false, encoding: .utf8)
        }

        @discardableResult
        func ingest(_ paths: [String], prune: Bool = false) throws -> IngestReport {
            let writer = try IndexWriter(layout: layout)
            let quiet = Logger(label: "passim.test") { _ in SwiftLogNoOpLogHandler() }
            let report = try Ingestor(writer: writer, logger: quiet).ingest(
                paths: paths.map { $0.hasPrefix("/") ? $0 : base + "/" + $0 }, options: .init(prune: prune))
            try writer.close()
            return report
        }

        func articles() throws -> [String: String] {
            var byID: [String: String] = [:]
            for (id, record) in try Searcher(layout: layout).articleRecords() { byID[id] = record.path }
            return byID
        }

        func roots() throws -> [CorpusRoot] {
            try Searcher(layout: layout).indexSummary().roots
        }
    }

    static func text(_ word: String) -> String { "Notes on \(word)\n\nA paragraph about \(word) and nothing else.\n" }

    @Test func theSameNameInTwoFoldersIsTwoArticles() throws {
        let project = try Project()
        try project.write("colA/same.txt", Self.text("alpha"))
        try project.write("colB/same.txt", Self.text("beta"))
        #expect(try project.ingest(["colA"]).added == 1)
        let second = try project.ingest(["colB"])
        #expect(second.added == 1 && second.updated == 0, "\(second.summary)")
        #expect(try project.articles().keys.sorted() == ["colA/same", "colB/same"])
        #expect(try project.roots().map(\.label) == ["colA", "colB"])
    }

    @Test func aFileReachedThreeWaysIsOneArticle() throws {
        let project = try Project()
        try project.write("notes/deep/a.txt", Self.text("gamma"))
        try project.write("notes/b.txt", Self.text("delta"))
        try project.ingest(["notes/deep"])
        try project.ingest(["notes"])
        let again = try project.ingest(["notes/deep/a.txt"])
        #expect(again.unchanged == 1 && again.added == 0, "\(again.summary)")
        let articles = try project.articles()
        #expect(articles.keys.sorted() == ["deep/a", "notes/b"])
        #expect(articles["deep/a"] == project.base + "/notes/deep/a.txt")
    }

    @Test func theCorpusBesideTheIndexAddsNoName() throws {
        let project = try Project()
        try project.write("corpus/a.txt", Self.text("epsilon"))
        try project.write("corpus/sub/b.md", Self.text("zeta"))
        try project.ingest(["corpus"])
        try project.ingest(["corpus/sub/b.md"])
        #expect(try project.articles().keys.sorted() == ["a", "sub/b"])
        #expect(try project.roots() == [CorpusRoot(label: "", path: project.base + "/corpus", isFile: false)])
    }

    @Test func aFileOnItsOwnIsItsOwnRootAndKeepsItsIdInsideALaterRoot() throws {
        let project = try Project()
        try project.write("downloads/paper.txt", Self.text("eta"))
        try project.write("downloads/other.txt", Self.text("theta"))
        try project.ingest(["downloads/paper.txt"])
        #expect(try project.articles().keys.sorted() == ["paper"])
        let folder = try project.ingest(["downloads"])
        #expect(folder.added == 1 && folder.unchanged == 1, "\(folder.summary)")
        #expect(try project.articles().keys.sorted() == ["downloads/other", "paper"])
    }

    @Test func aLinkAndItsTargetAreOneArticleRecordedAtTheTarget() throws {
        let project = try Project()
        try project.write("real/a.txt", Self.text("iota"))
        try FileManager.default.createSymbolicLink(atPath: project.base + "/link", withDestinationPath: "real")
        try project.ingest(["real"])
        let viaLink = try project.ingest(["link"])
        #expect(viaLink.unchanged == 1 && viaLink.added == 0, "\(viaLink.summary)")
        #expect(try project.articles() == ["real/a": project.base + "/real/a.txt"])
    }

    @Test func aMovedFolderKeepsItsIdsAndIsNotDuplicated() throws {
        let project = try Project()
        try project.write("old/notes/a.txt", Self.text("kappa"))
        try project.write("old/notes/b.txt", Self.text("lambda"))
        try project.ingest(["old/notes"])
        try FileManager.default.createDirectory(atPath: project.base + "/new", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: project.base + "/old/notes", toPath: project.base + "/new/notes")
        let moved = try project.ingest(["new/notes"])
        #expect(moved.movedRoots == [.init(from: project.base + "/old/notes", to: project.base + "/new/notes")])
        #expect(moved.added == 0 && moved.updated == 2, "\(moved.summary)")
        #expect(
            try project.articles() == [
                "notes/a": project.base + "/new/notes/a.txt", "notes/b": project.base + "/new/notes/b.txt",
            ])
    }

    @Test func aFolderOfTheSameNameThatStillExistsIsAnotherRoot() throws {
        let project = try Project()
        try project.write("x/notes/a.txt", Self.text("mu"))
        try project.write("y/notes/a.txt", Self.text("nu"))
        try project.ingest(["x/notes"])
        let other = try project.ingest(["y/notes"])
        #expect(other.movedRoots.isEmpty && other.added == 1)
        #expect(try project.articles().keys.sorted() == ["notes-2/a", "notes/a"])
    }

    @Test func aMovedProjectReadsItsCorpusUnderTheSameIds() throws {
        let project = try Project()
        try project.write("p/corpus/a.txt", Self.text("xi"))
        let before = IndexLayout(directory: project.base + "/p/index")
        let quiet = Logger(label: "passim.test") { _ in SwiftLogNoOpLogHandler() }
        var writer = try IndexWriter(layout: before)
        _ = try Ingestor(writer: writer, logger: quiet).ingest(paths: [project.base + "/p/corpus"])
        try writer.close()
        try FileManager.default.moveItem(atPath: project.base + "/p", toPath: project.base + "/q")
        let after = IndexLayout(directory: project.base + "/q/index")
        writer = try IndexWriter(layout: after)
        let report = try Ingestor(writer: writer, logger: quiet).ingest(paths: [project.base + "/q/corpus"])
        try writer.close()
        #expect(report.added == 0 && report.updated == 1, "\(report.summary)")
        let records = try Searcher(layout: after).articleRecords()
        #expect(records.mapValues(\.path) == ["a": project.base + "/q/corpus/a.txt"])
    }

    @Test func labelsAndRecordsRoundTrip() throws {
        let project = try Project()
        for folder in ["h/corpus", "n/notes/sub", "m/notes"] {
            try FileManager.default.createDirectory(
                atPath: project.base + "/" + folder, withIntermediateDirectories: true)
        }
        try project.write("d/paper.txt", Self.text("omicron"))
        let base = project.base
        var roots = CorpusRoots()
        let home = base + "/h/corpus"
        #expect(roots.adopt(base + "/h/corpus", isFile: false, home: home).root.label == "")
        #expect(roots.adopt(base + "/n/notes", isFile: false, home: home).root.label == "notes")
        #expect(roots.adopt(base + "/m/notes", isFile: false, home: home).root.label == "notes-2")
        #expect(roots.adopt(base + "/d/paper.txt", isFile: true, home: home).root.label == "paper")
        #expect(roots.adopt(base + "/n/notes/sub", isFile: false, home: home).root.label == "notes")
        #expect(roots.articleID(of: base + "/h/corpus/x/y.md") == "x/y")
        #expect(roots.articleID(of: base + "/m/notes/z.txt") == "notes-2/z")
        #expect(roots.articleID(of: base + "/d/paper.txt") == "paper")
        #expect(roots.articleID(of: "/elsewhere/a.txt") == nil)
        // What a prune of a path looks at: the ids its files would have, and nested roots' ids.
        #expect(roots.idPrefixes(under: base + "/h/corpus/x/y.md") == ["x/y"])
        #expect(roots.idPrefixes(under: base + "/n/notes") == ["notes/"])
        #expect(roots.idPrefixes(under: base + "/h") == nil)
        #expect(roots.idPrefixes(under: base + "/d/paper.txt") == ["paper"])
        #expect(try CorpusRoots.decode(roots.encoded(), directory: "/i") == roots)
        #expect(throws: IndexError.self) { try CorpusRoots.decode([3, 1], directory: "/i") }
    }
}
