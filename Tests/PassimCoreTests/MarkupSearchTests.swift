import Foundation
import PassimArticles
import PassimTestSupport
import Testing

@testable import PassimCore

/// Markdown articles through a real index: a folder mixing formats ingests in one command, and
/// every highlight of every hit points at the matched word's own bytes in the file.
@Suite struct MarkupSearchTests {
    static let fixtures = Repository.root.appendingPathComponent("Tests/Fixtures/Markup")
    static let queries = [
        "collagen", "sleep memory", "daemon socket", "passim", "recall", "fibroblasts", "emphasis", "systemd",
        "guidance", "leeds", "watcher", "snake_case", "interrupted", "skin", "okra", "sourdough yeasts",
        "PASSIM_INDEX", "hydration", "elasticity", "胶原蛋白", "光老化", "stratum corneum", "warmth",
    ]

    func indexedMixedFolder() throws -> CorpusRootsTests.Project {
        let project = try CorpusRootsTests.Project()
        try project.write("articles/plain.txt", "Plain Notes\n\nCollagen and sleep, in plain text, for the mix.\n")
        // Copied as bytes: one page is not UTF-8.
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path) {
            try FileManager.default.copyItem(
                atPath: Self.fixtures.appendingPathComponent(name).path, toPath: project.base + "/articles/" + name)
        }
        let report = try project.ingest(["articles"])
        #expect(report.failed == 0, "\(report)")
        return project
    }

    @Test func everyHighlightIsTheFilesBytes() throws {
        let project = try indexedMixedFolder()
        let searcher = try Searcher(layout: project.layout)
        var checked = 0
        var formats: Set<ArticleFormat> = []
        for query in Self.queries {
            for hit in try searcher.search(SearchParameters(query: query, limit: 50)).hits {
                #expect(!hit.stale)
                formats.insert(hit.article.format)
                let file = Array(try Data(contentsOf: URL(fileURLWithPath: hit.article.path)))
                let text = Array(hit.passage.text.utf8)
                // The GBK page's words are compared with its UTF-8 twin's bytes.
                guard !hit.article.path.hasSuffix("-gbk.html") else { continue }
                for word in hit.highlights {
                    let place = word.location
                    #expect(Array(file[place.byteStart..<place.byteEnd]) == Array(text[word.range]), "\(query)")
                    #expect(Self.position(of: place.byteStart, in: file) == [place.startLine, place.startColumn])
                    checked += 1
                }
                let span = hit.passage.location
                #expect(span.byteEnd <= file.count && span.byteStart < span.byteEnd)
            }
        }
        #expect(checked > 20)
        #expect(formats == [.markdown, .text, .html])
    }

    /// What a page shows around its article is not indexed: banners, share and newsletter
    /// boxes, navigation, comments, asides, footers.
    @Test func pageChromeIsNotIndexed() throws {
        let project = try indexedMixedFolder()
        let searcher = try Searcher(layout: project.layout)
        let chrome = [
            "\"cookie policy\"", "\"soaking the seeds\"", "\"Recent posts\"", "\"weekly recipes\"",
            "\"rights reserved\"",
            "\"Share on Facebook\"", "分享到微信", "\"Leave a Reply\"", "\"manual generator\"",
            "\"Growing things in the north\"",
        ]
        for query in chrome {
            let pages = try searcher.search(SearchParameters(query: query)).hits.filter { $0.article.format == .html }
            #expect(pages.isEmpty, "\(query): \(pages.map(\.passage.text))")
        }
    }

    /// A page's canonical URL and a Markdown article's sources links are sources: `source:`
    /// filters by them as for text articles.
    @Test func sourceFiltersFindMarkupArticles() throws {
        let project = try indexedMixedFolder()
        let searcher = try Searcher(layout: project.layout)
        let cases = [
            ("collagen source:news.example.com", "articles/news-article"),
            ("sourdough source:bread.example.net", "articles/cookie-share-page"),
            ("sleep source:leeds.ac.uk", "articles/readlater-article"),
        ]
        for (query, id) in cases {
            let ids = Set(try searcher.search(SearchParameters(query: query)).hits.map(\.article.id))
            #expect(ids == [id], "\(query)")
        }
    }

    @Test func aChangedMarkdownFilesHitsAreStale() throws {
        let project = try indexedMixedFolder()
        let path = project.base + "/articles/readlater-article.md"
        let before = try #require(
            try Searcher(layout: project.layout).search(SearchParameters(query: "leeds")).hits.first)
        #expect(!before.stale)
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "University of Leeds", with: "University of York")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let after = try #require(
            try Searcher(layout: project.layout).search(SearchParameters(query: "leeds")).hits.first)
        #expect(after.stale)
    }

    /// The 1-based line and byte column of `offset`, counted from the file.
    static func position(of offset: Int, in bytes: [UInt8]) -> [Int] {
        let before = bytes[..<offset]
        let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let lineStart = (before.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
        return [line, offset - lineStart + 1]
    }
}
