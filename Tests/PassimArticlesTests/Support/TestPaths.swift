import Foundation

/// Where the tests find the repository's corpus and their own golden files.
enum TestPaths {
    /// `Tests/PassimArticlesTests`, found from this source file's path.
    static let testsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // PassimArticlesTests

    /// The repository root (the folder with Package.swift).
    static let repositoryRoot =
        testsDirectory
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// The seed articles (a fixture copy; see `Repository.corpus`).
    static let corpus = repositoryRoot.appendingPathComponent("Tests/Fixtures/SeedCorpus")

    /// The golden files in the source tree (read and re-recorded in place, not from the bundle).
    static let golden = testsDirectory.appendingPathComponent("Golden")

    /// The seed articles: `corpus/*.txt`, sorted.
    static func corpusFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: corpus, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// True when goldens should be re-recorded (`PASSIM_RECORD=1`).
    static var recording: Bool {
        ProcessInfo.processInfo.environment["PASSIM_RECORD"] == "1"
    }
}

/// A fresh temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("passim-articles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.path }

    /// Writes `bytes` to `relative` (creating folders) and returns the file's path.
    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file.path
    }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, Array(text.utf8))
    }

    func remove() {
        // Restore permissions first so a chmod 000 test cannot leave an undeletable folder.
        if let items = FileManager.default.enumerator(atPath: path) {
            for case let item as String in items {
                chmod(url.appendingPathComponent(item).path, 0o755)
            }
        }
        try? FileManager.default.removeItem(at: url)
    }
}
