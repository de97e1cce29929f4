import Foundation

/// Where one database of a sharded index is: a folder on this machine, or a `xapian-tcpsrv`.
public enum ShardLocation: Sendable, Hashable, CustomStringConvertible {
    /// A glass database folder, as the stub writes it (relative to the index directory).
    case local(String)
    /// A database served by `xapian-tcpsrv` at `host:port`.
    case remote(host: String, port: Int)

    public var description: String {
        switch self {
        case .local(let path): path
        case .remote(let host, let port): "remote \(host):\(port)"
        }
    }
}

/// The stub file `db` of a sharded index, in Xapian 1.4's stub database format: the catalog
/// first, then the shards, one per line (`glass PATH`, relative paths from the index
/// directory, or `remote HOST:PORT`). Xapian opens it as one database whose statistics combine
/// every shard's; Passim reads it too, to write the shards and to show them in `status`.
///
/// A search host's stub names the same catalog (replicated) and the shards where they are
/// served; the order of the shards must stay the order the writer routes articles by.
public struct ShardStub: Sendable, Hashable {
    public var catalog: ShardLocation
    public var shards: [ShardLocation]

    public init(catalog: ShardLocation, shards: [ShardLocation]) {
        self.catalog = catalog
        self.shards = shards
    }

    /// The most shards an index may have: each is a database with its own files and lock.
    public static let maximumShards = 64

    /// The stub a writer makes for `count` local shards.
    static func local(count: Int) -> ShardStub {
        ShardStub(catalog: .local("catalog"), shards: (0..<count).map { .local("shards/\($0)") })
    }

    /// Reads the stub of `layout`.
    public static func read(_ layout: IndexLayout) throws(IndexError) -> ShardStub {
        let text: String
        do {
            text = try String(contentsOfFile: layout.database, encoding: .utf8)
        } catch {
            throw IndexError(.io, "cannot read the shard list \(layout.database): \(error.localizedDescription)")
        }
        return try parse(text, path: layout.database)
    }

    /// Parses a stub's text; `path` names it in errors.
    static func parse(_ text: String, path: String) throws(IndexError) -> ShardStub {
        var locations: [ShardLocation] = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw IndexError(.corrupt, "\(path):\(number + 1): expected `glass PATH` or `remote HOST:PORT`")
            }
            switch parts[0] {
            case "glass", "auto":
                locations.append(.local(parts[1]))
            case "remote":
                guard let colon = parts[1].lastIndex(of: ":"),
                    let port = Int(parts[1][parts[1].index(after: colon)...]),
                    (1...65535).contains(port)
                else {
                    throw IndexError(.corrupt, "\(path):\(number + 1): a remote shard is `remote HOST:PORT`")
                }
                locations.append(.remote(host: String(parts[1][..<colon]), port: port))
            default:
                throw IndexError(
                    .corrupt, "\(path):\(number + 1): unknown kind `\(parts[0])` (Passim writes `glass` and `remote`)")
            }
        }
        guard let catalog = locations.first, case .local = catalog, locations.count >= 2 else {
            throw IndexError(
                .corrupt, "\(path) must list the local catalog database first, then at least one shard")
        }
        return ShardStub(catalog: catalog, shards: Array(locations.dropFirst()))
    }

    /// The stub's text.
    var text: String {
        var lines = ["# A sharded Passim index: the catalog, then the shards in routing order."]
        for location in [catalog] + shards {
            switch location {
            case .local(let path): lines.append("glass " + path)
            case .remote(let host, let port): lines.append("remote \(host):\(port)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the stub into `layout` atomically (a temporary file renamed over it).
    func write(to layout: IndexLayout) throws(IndexError) {
        let temporary = layout.database + ".new"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)),
            rename(temporary, layout.database) == 0
        else {
            throw IndexError(.io, "cannot write the shard list \(layout.database): \(String(cString: strerror(errno)))")
        }
    }

    /// The catalog database of the sharded index at `layout`: the folder its stub names first
    /// (a replica's folder on a search host), or the writer's `catalog` when the stub cannot
    /// be read.
    public static func catalogPath(of layout: IndexLayout) -> String {
        guard let stub = try? read(layout), case .local(let path) = stub.catalog else { return layout.catalog }
        return resolve(path, in: layout)
    }

    /// The path of local database `path` as written in a stub (relative to the index directory).
    public static func resolve(_ path: String, in layout: IndexLayout) -> String {
        path.hasPrefix("/") ? path : layout.directory + "/" + path
    }
}
