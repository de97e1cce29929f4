import Foundation

/// A temporary directory under /tmp (short, so Unix socket paths fit), removed when released.
public final class TemporaryDirectory: Sendable {
    /// The directory.
    public let url: URL

    /// Creates `/tmp/<name>-<random>`.
    public init(_ name: String = "passim-test") throws {
        url = URL(fileURLWithPath: "/tmp").appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The URL of `relative` inside the directory.
    public func file(_ relative: String) -> URL { url.appendingPathComponent(relative) }

    /// The path of `relative` inside the directory.
    public func path(_ relative: String) -> String { file(relative).path }

    /// Writes `contents` to `relative`, creating folders.
    public func write(_ relative: String, _ contents: String) throws {
        try write(relative, Data(contents.utf8))
    }

    /// Writes `data` to `relative`, creating folders.
    public func write(_ relative: String, _ data: Data) throws {
        let target = file(relative)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: target)
    }
}
