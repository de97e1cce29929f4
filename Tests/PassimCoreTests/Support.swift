import Foundation
import PassimArticles

@testable import PassimCore

/// A temporary index directory, removed when the test ends.
final class TemporaryIndex {
    let directory: URL
    var layout: IndexLayout { IndexLayout(directory: directory.appendingPathComponent("index").path) }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "passim-core-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Parses `text` as the article `id` with the real parser.
    static func article(_ id: String, _ text: String) throws -> Article {
        try ArticleParser().parse(Array(text.utf8), id: id, path: "/articles/\(id).txt")
    }
}
