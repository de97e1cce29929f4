import PassimAnalysis
import PassimXapian

/// Verifies an index: every article record has exactly its passages, and no passage lacks
/// an article. Used by `passim check` and by the crash tests.
public struct IndexChecker {
    /// What a check found.
    public struct Report: Sendable, Hashable, Codable {
        public var revision: UInt64
        public var articles: Int
        public var passages: Int
        public var problems: [String]
    }

    public let layout: IndexLayout

    public init(layout: IndexLayout) {
        self.layout = layout
    }

    /// The local shards of a sharded index in routing order (nil for a remote one); empty for
    /// an index that is not sharded.
    private func localShards() throws -> [XapianDatabase?] {
        guard layout.isSharded else { return [] }
        return try ShardStub.read(layout).shards.map { location in
            guard case .local(let path) = location else { return nil }
            return try XapianDatabase(path: ShardStub.resolve(path, in: layout))
        }
    }

    /// The deltas of the shards whose last commit the catalog has not applied (see
    /// `ShardedWriter`); a shard further ahead cannot be brought up and is an error.
    private func pendingDeltas(_ shards: [XapianDatabase?], catalog: XapianDatabase) throws -> [ShardDelta] {
        var deltas: [ShardDelta] = []
        for (number, shard) in shards.enumerated() {
            guard let shard,
                let (_, delta) = try ShardDelta.unapplied(
                    shard: number, shard, catalog: catalog, directory: layout.directory)
            else { continue }
            deltas.append(delta)
        }
        return deltas
    }

    /// Reads the whole index once and lists every inconsistency.
    ///
    /// A sharded index is checked as its next writer will leave it: a shard whose last commit
    /// its catalog has not applied yet (a writer killed between the two) counts with its
    /// stored delta, which that writer applies.
    public func check() throws(IndexError) -> Report {
        guard layout.exists else {
            throw IndexError(.notFound, "no index at \(layout.directory): run `passim ingest` to build it")
        }
        do {
            let database = try XapianDatabase(path: layout.database)
            try IndexMetadata.checkSchema(try database.metadata(IndexMetadata.schemaKey), directory: layout.directory)
            var problems: [String] = []
            let shards = try localShards()
            var records: [String: [UInt8]] = [:]
            for key in try database.metadataKeys(prefix: IndexMetadata.articlePrefix) {
                records[String(key.dropFirst(IndexMetadata.articlePrefix.count))] = try database.metadata(key)
            }
            var counted =
                Int(String(decoding: try database.metadata(IndexMetadata.articleCountKey), as: UTF8.self)) ?? 0
            for delta in try pendingDeltas(shards, catalog: database) {
                for (id, change) in delta.records { records[id] = change.record.isEmpty ? nil : change.record }
                counted += delta.articleCountChange
            }
            var expectedPassages = 0
            for (id, bytes) in records.sorted(by: { $0.key < $1.key }) {
                guard let record = try? ArticleRecord.decode(bytes) else {
                    problems.append("article \(id): its record cannot be read")
                    continue
                }
                expectedPassages += record.passageCount
                let postings = try database.postings(Schema.articleTerm(id))
                if postings.count != record.passageCount {
                    problems.append(
                        "article \(id): \(postings.count) passages indexed, its record says \(record.passageCount)")
                } else if !shards.isEmpty {
                    let routed = ShardRouting.shard(of: id, count: shards.count)
                    if let shard = shards[routed], try shard.postings(Schema.articleTerm(id)).count != postings.count {
                        problems.append(
                            "article \(id): some of its passages are not in shard \(routed), where its id routes")
                    }
                }
            }
            let documents = try database.documentCount()
            if documents != expectedPassages {
                problems.append(
                    "\(documents) passages in the index, the article records account for \(expectedPassages)")
            }
            if counted != records.count {
                problems.append("article count says \(counted), there are \(records.count) article records")
            }
            // A sharded index's revision is its catalog's.
            let revision = try (layout.isSharded ? XapianDatabase(path: ShardStub.catalogPath(of: layout)) : database)
                .revision()
            return Report(revision: revision, articles: records.count, passages: documents, problems: problems)
        } catch {
            throw IndexError.mapping(
                error, path: layout.directory, context: "the index at \(layout.directory) cannot be checked")
        }
    }
}
