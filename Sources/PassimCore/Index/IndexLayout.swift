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

    /// True when a Xapian database has been created here.
    public var exists: Bool {
        FileManager.default.fileExists(atPath: database + "/iamglass")
    }
}
