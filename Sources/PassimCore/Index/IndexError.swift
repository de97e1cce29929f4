import PassimXapian

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failure of the index layer, with a code callers can switch on and a message for people.
public struct IndexError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, independent of the message wording.
    public enum Code: String, Sendable, Codable {
        /// There is no index at the path (nothing ingested yet).
        case notFound
        /// Another writer (`passim ingest` or the daemon) holds the index's write lock.
        case locked
        /// The index cannot be written by this user: its files belong to someone else, or it
        /// sits on a read-only file system. Waiting would not help.
        case readOnly
        /// The index files are damaged or not a Xapian database.
        case corrupt
        /// The index was written by an incompatible version of Passim.
        case incompatibleSchema
        /// The index changed under a reader too many times in a row.
        case modified
        /// A passage or article that was asked for does not exist.
        case documentNotFound
        /// Reading or writing files around the index failed.
        case io
        /// The index's shards are not what the request needs: a shard count given for an index
        /// that has another (it is fixed when the index is created), or a remote shard to write.
        case shardLayout
        /// A remote shard cannot be reached (its `xapian-tcpsrv` is down or cut off).
        case unreachable
        /// Any other failure reported by Xapian.
        case backend
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// The system's texts for EMFILE and ENFILE, as Xapian appends them to its messages.
    private static let outOfDescriptors = [EMFILE, ENFILE].map { String(cString: strerror($0)) }

    /// `error` as an `IndexError`: itself when it is one, a Xapian failure translated by
    /// `from(_:path:)`, anything else a backend failure described by `context`.
    static func mapping(_ error: any Error, path: String, context: @autoclosure () -> String) -> IndexError {
        if let error = error as? IndexError { return error }
        if let error = error as? XapianError { return from(error, path: path) }
        return IndexError(.backend, "\(context()): \(error)")
    }

    /// Translates a Xapian failure on the index at `path` into a user-facing error.
    static func from(_ error: XapianError, path: String) -> IndexError {
        // Xapian reports a file it could not open as a missing database whatever the reason;
        // out of descriptors, "no index, run passim ingest" would send the user the wrong way.
        if Self.outOfDescriptors.contains(where: { error.message.hasSuffix("(\($0))") }) {
            return IndexError(
                .io,
                "cannot open the index at \(path): the process is out of file descriptors (\(error.message)); "
                    + "close some clients or raise the limit (ulimit -n)")
        }
        switch error.code {
        case .databaseNotFound, .databaseOpening:
            return IndexError(
                .notFound, "no index at \(path): run `passim ingest` to build it (\(error.message))")
        case .databaseLock:
            return IndexError(
                .locked,
                "the index at \(path) is being written by another process (passim ingest or the daemon); "
                    + "wait for it to finish or pass --wait")
        case .databaseCorrupt, .databaseVersion:
            return IndexError(
                .corrupt,
                "the index at \(path) is damaged or was written by another Xapian version: "
                    + "\(error.message); delete it and run `passim ingest` again")
        case .databaseModified:
            return IndexError(.modified, "the index at \(path) kept changing while it was read: \(error.message)")
        case .network, .networkTimeout:
            return IndexError(
                .unreachable,
                "a remote shard of the index at \(path) cannot be reached (\(error.message)): check that its "
                    + "xapian-tcpsrv runs and the network between; `passim status` lists the shards")
        case .docNotFound:
            return IndexError(.documentNotFound, "document not found in \(path): \(error.message)")
        default:
            return IndexError(.backend, "index error at \(path): \(error)")
        }
    }
}
