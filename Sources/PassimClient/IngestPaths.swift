import Foundation

/// The paths of an ingest as the user typed them and as the daemon needs them (absolute: it
/// does not share the client's working directory), and the way back, so that per-file
/// failures and progress print the paths the user gave, as an in-process ingest prints them.
public struct IngestPaths: Sendable, Hashable {
    /// The paths as given (relative or absolute).
    public let given: [String]
    /// The same paths made absolute against the working directory, standardized.
    public let absolute: [String]

    /// `paths` resolved against `directory` (the working directory by default).
    public init(_ paths: [String], relativeTo directory: String = FileManager.default.currentDirectoryPath) {
        given = paths
        absolute = paths.map { path in
            let url =
                path.hasPrefix("/")
                ? URL(fileURLWithPath: path) : URL(fileURLWithPath: directory).appendingPathComponent(path)
            return url.standardizedFileURL.path
        }
    }

    /// A path the daemon reported, spelled from the given path it lies under (the first that
    /// matches); unchanged when it lies under none.
    public func display(_ reported: String) -> String {
        for (root, original) in zip(absolute, given) {
            if reported == root { return original }
            let base = root.hasSuffix("/") ? root : root + "/"
            guard reported.hasPrefix(base) else { continue }
            let rest = reported.dropFirst(base.count)
            return original.hasSuffix("/") ? original + rest : original + "/" + rest
        }
        return reported
    }
}
