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

    /// What Xapian opens to read the index: the database directory of a single index, or the
    /// stub file of a sharded one, which lists the catalog and then the shards.
    public var database: String { directory + "/db" }

    /// The catalog database of a sharded index: the article records, the spelling and synonym
    /// tables, the schema, the counts and the change journal, and no passages.
    public var catalog: String { directory + "/catalog" }

    /// The folder of a sharded index's shard databases.
    public var shardsDirectory: String { directory + "/shards" }

    /// Shard `number` (0-based) of a sharded index.
    public func shard(_ number: Int) -> String { shardsDirectory + "/" + String(number) }

    /// True when the index is sharded: `db` is a stub file, not a database directory.
    public var isSharded: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: database, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// The home corpus: the `corpus` folder beside the index directory, links resolved. Its
    /// articles' ids carry no root label (see `CorpusRoots`).
    public var homeCorpus: String {
        let parent = URL(fileURLWithPath: directory).deletingLastPathComponent().path
        return RealPath.of(parent + "/corpus") ?? (RealPath.of(parent) ?? parent) + "/corpus"
    }

    /// True when a Xapian database has been created here (for a sharded index, its stub and
    /// its catalog).
    public var exists: Bool {
        if isSharded {
            // A replica made by xapian-replicate is a folder with a stub file, XAPIANDB.
            let catalog = ShardStub.catalogPath(of: self)
            return ["/iamglass", "/XAPIANDB"].contains { FileManager.default.fileExists(atPath: catalog + $0) }
        }
        return FileManager.default.fileExists(atPath: database + "/iamglass")
    }
}
