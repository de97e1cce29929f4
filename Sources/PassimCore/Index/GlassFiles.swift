import Foundation

/// The files of a Xapian 1.4 glass database, which a fresh build moves into place itself.
///
/// Publishing a fresh build renames the merged database's table files into the index's
/// database and its version file (`iamglass`) last, so readers see the empty index or the
/// whole new one (see `FreshBuild`). That relies on knowing every file glass writes: a Xapian
/// release that adds or renames one would otherwise publish half an index. So the move refuses
/// any file it does not know, and a test pins the set a database with every table in use has.
enum GlassFiles {
    /// The tables of a glass database, each a file of its own (a table nothing was written to
    /// may be absent).
    static let tables: Set<String> = [
        "docdata.glass", "position.glass", "postlist.glass", "spelling.glass", "synonym.glass", "termlist.glass",
    ]
    /// The version file, which says which blocks of each table are the current revision.
    static let version = "iamglass"
    /// Xapian's write lock, which stays with the database it locks and is never moved.
    static let lock = "flintlock"

    /// Moves the database at `source` into `destination`: the tables, then the version file.
    static func publish(_ source: String, into destination: String) throws(IndexError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: source)
        } catch {
            throw IndexError(.io, "cannot list \(source): \(error.localizedDescription)")
        }
        let unknown = names.filter { !tables.contains($0) && $0 != version && $0 != lock }
        guard unknown.isEmpty, names.contains(version) else {
            throw IndexError(
                .backend,
                "the merged index in \(source) has files this passim does not know how to publish "
                    + "(\(unknown.sorted().joined(separator: ", ")); version file present: \(names.contains(version))): "
                    + "was Xapian upgraded? Nothing was published; the index is unchanged")
        }
        for name in names.sorted() where tables.contains(name) {
            try rename(source + "/" + name, to: destination + "/" + name)
        }
        try rename(source + "/" + version, to: destination + "/" + version)
    }

    /// `rename(2)`: replaces `destination` atomically.
    private static func rename(_ source: String, to destination: String) throws(IndexError) {
        guard Foundation.rename(source, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            throw IndexError(.io, "cannot move \(source) to \(destination): \(reason)")
        }
    }
}
