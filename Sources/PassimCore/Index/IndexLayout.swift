import Foundation

/// Where the parts of a Passim index live inside its directory.
///
/// The index directory (default `index/`) may hold a committed README; the Xapian database
/// is the `db` folder inside it, so the directory itself stays a plain folder users can see.
public struct IndexLayout: Sendable, Hashable {
    /// The index directory as given by the user, made absolute.
    public let directory: String

    public init(directory: String) {
        let url = URL(fileURLWithPath: directory).standardizedFileURL
        self.directory = url.path
    }

    /// The Xapian database directory.
    public var database: String { directory + "/db" }

    /// The home corpus: the `corpus` folder beside the index directory, links resolved. Its
    /// articles' ids carry no root label (see `CorpusRoots`).
    public var homeCorpus: String {
        let parent = URL(fileURLWithPath: directory).deletingLastPathComponent().path
        return RealPath.of(parent + "/corpus") ?? (RealPath.of(parent) ?? parent) + "/corpus"
    }

    /// True when a Xapian database has been created here.
    public var exists: Bool {
        FileManager.default.fileExists(atPath: database + "/iamglass")
    }
}
