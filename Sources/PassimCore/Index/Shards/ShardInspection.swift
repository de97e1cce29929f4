import PassimXapian

/// Opens each shard of a sharded index on its own, for `status`: Xapian's combined database
/// says nothing per shard.
public enum ShardInspection {
    /// How long a remote shard may take to answer, in seconds.
    static let remoteTimeout = 2.0

    /// The shards of the index at `layout`; empty for an index that is not sharded.
    public static func shards(of layout: IndexLayout) -> [ShardSummary] {
        guard layout.isSharded else { return [] }
        let stub: ShardStub
        do {
            stub = try ShardStub.read(layout)
        } catch {
            return [
                ShardSummary(number: 0, location: layout.database, passages: nil, revision: nil, problem: error.message)
            ]
        }
        return stub.shards.enumerated().map { number, location in
            var summary = ShardSummary(
                number: number, location: location.description, passages: nil, revision: nil, problem: nil)
            do {
                switch location {
                case .local(let path):
                    let database = try XapianDatabase(path: ShardStub.resolve(path, in: layout))
                    summary.passages = try database.documentCount()
                    summary.revision = try database.revision()
                case .remote(let host, let port):
                    let database = try XapianDatabase(remoteHost: host, port: port, timeout: remoteTimeout)
                    summary.passages = try database.documentCount()
                }
            } catch {
                summary.problem = "\(error)"
            }
            return summary
        }
    }
}
