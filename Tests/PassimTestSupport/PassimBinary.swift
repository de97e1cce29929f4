import Foundation

/// The real `passim` executable that `swift build` put next to the test runner.
public enum PassimBinary {
    /// `$PASSIM_BINARY`, or `passim` beside the test runner (or a few folders up from it).
    public static var url: URL {
        if let path = ProcessInfo.processInfo.environment["PASSIM_BINARY"] {
            return URL(fileURLWithPath: path)
        }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        // On Linux the runner is `<products>/PassimPackageTests.xctest`; on macOS it is inside a bundle.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("passim")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return runner.deletingLastPathComponent().appendingPathComponent("passim")
    }
}

/// The repository root and its seed corpus, found from this file's path.
public enum Repository {
    /// The package root (the folder holding Package.swift).
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The five seed articles the tests are written against: a copy in `Tests/Fixtures`, never
    /// the repository's `corpus/`, which holds whatever articles the user keeps there.
    public static var corpus: URL { root.appendingPathComponent("Tests/Fixtures/SeedCorpus") }

    /// Copies the seed articles into `folder`, creating it.
    public static func copySeedCorpus(to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus.path) where name.hasSuffix(".txt") {
            try FileManager.default.copyItem(
                atPath: corpus.appendingPathComponent(name).path, toPath: folder + "/" + name)
        }
    }
}
