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

    /// Reads the whole index once and lists every inconsistency.
    public func check() throws(IndexError) -> Report {
        guard layout.exists else {
            throw IndexError(.notFound, "no index at \(layout.directory): run `passim ingest` to build it")
        }
        do {
            let database = try XapianDatabase(path: layout.database)
            try IndexMetadata.checkSchema(try database.metadata(IndexMetadata.schemaKey), directory: layout.directory)
            var problems: [String] = []
            let keys = try database.metadataKeys(prefix: IndexMetadata.articlePrefix)
            var expectedPassages = 0
            for key in keys {
                let id = String(key.dropFirst(IndexMetadata.articlePrefix.count))
                guard let record = try? ArticleRecord.decode(try database.metadata(key)) else {
                    problems.append("article \(id): its record cannot be read")
                    continue
                }
                expectedPassages += record.passageCount
                let postings = try database.postings(Schema.articleTerm(id))
                if postings.count != record.passageCount {
                    problems.append(
                        "article \(id): \(postings.count) passages indexed, its record says \(record.passageCount)")
                }
            }
            let documents = try database.documentCount()
            if documents != expectedPassages {
                problems.append(
                    "\(documents) passages in the index, the article records account for \(expectedPassages)")
            }
            let counted =
                Int(String(decoding: try database.metadata(IndexMetadata.articleCountKey), as: UTF8.self)) ?? 0
            if counted != keys.count {
                problems.append("article count says \(counted), there are \(keys.count) article records")
            }
            return Report(
                revision: try database.revision(), articles: keys.count, passages: documents, problems: problems)
        } catch {
            throw IndexError.mapping(
                error, path: layout.directory, context: "the index at \(layout.directory) cannot be checked")
        }
    }
}
