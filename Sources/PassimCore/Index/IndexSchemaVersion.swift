/// Metadata keys Passim keeps in the Xapian database, and the schema version they describe.
enum IndexMetadata {
    /// Bumped whenever terms, values or record formats change incompatibly.
    static let schemaVersion = "1"
    static let schemaKey = "passim:schema"
    static let articleCountKey = "passim:articles"
    static let articlePrefix = "article:"

    static func articleKey(_ id: String) -> String { articlePrefix + id }
}
