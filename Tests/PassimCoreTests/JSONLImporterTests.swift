import Foundation
import PassimArticles
import Testing

@testable import PassimCore

@Suite struct JSONLImporterTests {
    /// Writes `lines` joined by `separator` (a final separator unless `finalNewline` is false).
    static func write(
        _ lines: [String], to index: TemporaryIndex, name: String = "data.jsonl", separator: String = "\n",
        finalNewline: Bool = true
    ) throws -> String {
        let path = index.directory.appendingPathComponent(name).path
        let text = lines.joined(separator: separator) + (finalNewline ? separator : "")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func importFile(
        _ path: String, into index: TemporaryIndex, batchSize: Int = 256
    ) throws -> IngestReport {
        let writer = try IndexWriter(layout: index.layout)
        let report = try JSONLImporter(writer: writer).importFile(
            at: path, options: .init(batchSize: batchSize))
        try writer.close()
        return report
    }

    static let passages = [
        #"{"id": 0, "article": "gcide:Collagen", "source": "gcide", "title": "Collagen", "text": "Collagen fibres give skin its strength."}"#,
        #"{"id": 1, "article": "gcide:Collagen", "title": "Collagen / Uses", "section": "Uses", "text": "Injected collagen fills atrophic scars."}"#,
        #"{"id": 2, "article": "wordnet:elastin", "source": "wordnet", "text": "Elastin lets the dermis stretch and recoil."}"#,
    ]

    @Test func acronymsDefinedInImportedPassagesBecomeSynonyms() throws {
        let index = try TemporaryIndex()
        let lines = [
            #"{"article": "notes:fat", "text": "One method uses stromal vascular fraction (SVF) from fat tissue."}"#,
            #"{"article": "notes:fat", "text": "The stromal vascular fraction is separated by centrifuge."}"#,
        ]
        let path = try Self.write(lines, to: index)
        _ = try Self.importFile(path, into: index)
        let searcher = try Searcher(layout: index.layout)
        // "SVF" is written in one passage only; its long form finds the other one too.
        let hits = try searcher.search(SearchParameters(query: "svf")).hits
        #expect(hits.map(\.passageID.description).sorted() == ["notes:fat#1", "notes:fat#2"])
    }

    @Test func consecutiveLinesOfAnArticleBecomeItsPassagesInOrder() throws {
        let index = try TemporaryIndex()
        let path = try Self.write(Self.passages, to: index)
        let report = try Self.importFile(path, into: index)
        #expect(report.added == 2)
        #expect(report.failures.isEmpty)
        #expect(report.changedArticles == ["gcide:Collagen", "wordnet:elastin"])

        let searcher = try Searcher(layout: index.layout)
        let scars = try searcher.search(SearchParameters(query: "atrophic scars"))
        #expect(scars.hits.map(\.passageID.description) == ["gcide:Collagen#2"])
        let hit = try #require(scars.hits.first)
        #expect(hit.article.title == "Collagen")
        #expect(hit.article.path == URL(fileURLWithPath: path).standardizedFileURL.path)
        #expect(hit.passage.section == "Uses")
        #expect(hit.passage.text == "Injected collagen fills atrophic scars.")

        // The location is the span of line 2 in the file.
        let firstLineBytes = Self.passages[0].utf8.count + 1
        #expect(hit.passage.location.byteStart == firstLineBytes)
        #expect(hit.passage.location.byteEnd == firstLineBytes + Self.passages[1].utf8.count)
        #expect(hit.passage.location.startLine == 2)
        #expect(hit.passage.location.endLine == 2)
        #expect(hit.passage.location.startColumn == 1)
        #expect(hit.passage.location.endColumn == Self.passages[1].utf8.count + 1)

        let elastin = try searcher.search(SearchParameters(query: "recoil"))
        #expect(elastin.hits.map(\.passageID.description) == ["wordnet:elastin#1"])
        #expect(try searcher.search(SearchParameters(query: "source:wordnet stretch")).hits.count == 1)
        #expect(try searcher.search(SearchParameters(query: "source:gcide stretch")).hits.isEmpty)
        #expect(try IndexChecker(layout: index.layout).check().problems.isEmpty)
    }

    @Test func articleLinesGiveOnePassagePerParagraph() throws {
        let index = try TemporaryIndex()
        let path = try Self.write(
            [
                #"{"id": "notes", "title": "Skin notes", "paragraphs": ["Fibroblasts make collagen.", {"text": "Laser therapy heats the dermis.", "section": "Lasers"}, ""]}"#,
                #"{"id": 7, "paragraphs": ["Integer ids are accepted too."]}"#,
            ], to: index)
        let report = try Self.importFile(path, into: index)
        #expect(report.added == 2)
        #expect(report.failures.isEmpty)
        let searcher = try Searcher(layout: index.layout)
        let laser = try searcher.search(SearchParameters(query: "laser"))
        #expect(laser.hits.map(\.passageID.description) == ["notes#2"])
        #expect(laser.hits.first?.passage.section == "Lasers")
        #expect(laser.hits.first?.article.title == "Skin notes")
        #expect(
            try searcher.search(SearchParameters(query: "integer ids")).hits.map(\.passageID.description) == ["7#1"])
        let record = try #require(try IndexWriter(layout: index.layout).record(of: "notes"))
        #expect(record.passageCount == 2)
    }

    @Test func badLinesAreReportedWithTheirNumberAndTheRunGoesOn() throws {
        let index = try TemporaryIndex()
        let path = try Self.write(
            [
                #"{"article": "a", "text": "First passage about platelets."}"#,
                #"{"article": "a", "text": "#,
                #"{"article": "a", "text": "Second passage about plasma."}"#,
                #"{"title": "no text"}"#,
                #"{"article": "b", "text": "x", "paragraphs": ["y"]}"#,
                #"{"article": "b", "text": ""}"#,
                #"{"text": "No article and no id."}"#,
                #"{"article": "b", "text": 42}"#,
                #"["not", "an", "object"]"#,
                "",
                #"{"article": "b", "text": "Passage of b about thrombin."}"#,
                #"{"article": "a", "text": "Late line of a."}"#,
            ], to: index)
        let report = try Self.importFile(path, into: index)
        let lines = report.failures.map(\.path).map { $0.split(separator: ":").last.map(String.init) ?? "" }
        #expect(lines == ["2", "4", "5", "6", "7", "8", "9", "12"])
        #expect(report.failures.allSatisfy { $0.path.hasPrefix(path + ":") })
        let messages = report.failures.map(\.message)
        #expect(messages[1].contains("needs \"text\""))
        #expect(messages[2].contains("both"))
        #expect(messages[3].contains("empty"))
        #expect(messages[4].contains("\"article\""))
        #expect(messages[5].contains("\"text\""))
        #expect(messages[7].contains("already imported from lines 1-3"))
        #expect(report.added == 2)

        let searcher = try Searcher(layout: index.layout)
        // Line 2 failed, so the passage of line 3 is a's second passage.
        #expect(try searcher.search(SearchParameters(query: "plasma")).hits.map(\.passageID.description) == ["a#2"])
        #expect(try searcher.search(SearchParameters(query: "thrombin")).hits.map(\.passageID.description) == ["b#1"])
        #expect(try searcher.search(SearchParameters(query: "late", correctSpelling: false)).hits.isEmpty)
    }

    @Test func reimportSkipsUnchangedArticlesAndReplacesChangedOnes() throws {
        let index = try TemporaryIndex()
        let path = try Self.write(Self.passages, to: index)
        _ = try Self.importFile(path, into: index)
        let again = try Self.importFile(path, into: index)
        #expect(again.unchanged == 2)
        #expect(again.added == 0)
        #expect(again.updated == 0)

        var changed = Self.passages
        changed[2] = #"{"article": "wordnet:elastin", "text": "Elastin fibres degrade with sun exposure."}"#
        _ = try Self.write(changed, to: index)
        let third = try Self.importFile(path, into: index)
        #expect(third.unchanged == 1)
        #expect(third.updated == 1)
        #expect(third.changedArticles == ["wordnet:elastin"])
        let searcher = try Searcher(layout: index.layout)
        #expect(try searcher.search(SearchParameters(query: "recoil", correctSpelling: false)).hits.isEmpty)
        #expect(try searcher.search(SearchParameters(query: "sun exposure")).hits.count == 1)
        let check = try IndexChecker(layout: index.layout).check()
        #expect(check.problems.isEmpty)
        #expect(check.articles == 2)
        #expect(check.passages == 3)
    }

    @Test func crlfLinesAndAMissingFinalNewlineAreRead() throws {
        let index = try TemporaryIndex()
        let path = try Self.write(Self.passages, to: index, separator: "\r\n", finalNewline: false)
        let report = try Self.importFile(path, into: index, batchSize: 1)
        #expect(report.added == 2)
        #expect(report.failures.isEmpty)
        let hit = try #require(try Searcher(layout: index.layout).search(SearchParameters(query: "recoil")).hits.first)
        // Line 3 starts after two lines and their \r\n; its span excludes the \r.
        #expect(hit.passage.location.byteStart == Self.passages[0].utf8.count + Self.passages[1].utf8.count + 4)
        #expect(hit.passage.location.byteEnd == hit.passage.location.byteStart + Self.passages[2].utf8.count)
        #expect(hit.passage.location.startLine == 3)
    }

    @Test func manyArticlesAcrossBatchesAreAllCommitted() throws {
        let index = try TemporaryIndex()
        let lines = (0..<25).flatMap { n in
            [
                #"{"article": "art\#(n)", "text": "Passage one of article number \#(n) about keratin."}"#,
                #"{"article": "art\#(n)", "text": "Passage two of article number \#(n) about melanin."}"#,
            ]
        }
        let path = try Self.write(lines, to: index)
        let report = try Self.importFile(path, into: index, batchSize: 4)
        #expect(report.added == 25)
        let check = try IndexChecker(layout: index.layout).check()
        #expect(check.problems.isEmpty)
        #expect(check.articles == 25)
        #expect(check.passages == 50)
    }

    @Test func aMissingFileIsAnIOError() throws {
        let index = try TemporaryIndex()
        let writer = try IndexWriter(layout: index.layout)
        #expect(throws: IndexError.self) {
            try JSONLImporter(writer: writer).importFile(at: index.directory.appendingPathComponent("nope.jsonl").path)
        }
        do {
            _ = try JSONLImporter(writer: writer).importFile(at: "/nonexistent/nope.jsonl")
        } catch {
            #expect(error.code == .io)
            #expect(error.message.contains("/nonexistent/nope.jsonl"))
        }
        try writer.close()
    }
}
