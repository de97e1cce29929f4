/// Metadata keys Passim keeps in the Xapian database, and the schema version they describe.
enum IndexMetadata {
    /// Bumped whenever terms, values or record formats change incompatibly (2: binary passage
    /// records, 3: binary article records, 4: words joined by `.` `:` `_` `@` are split, so an
    /// older index holds `ix.netcom.com` as one term where queries now ask for its parts, 5:
    /// words are indexed by their stems only, with positions, and no longer as unstemmed terms).
    static let schemaVersion = "5"
    static let schemaKey = "passim:schema"
    static let articleCountKey = "passim:articles"
    static let articlePrefix = "article:"

    static func articleKey(_ id: String) -> String { articlePrefix + id }

    /// Refuses an index whose stored schema (`stored`, empty when none was written yet) is
    /// not the one this build reads and writes.
    static func checkSchema(_ stored: [UInt8], directory: String) throws(IndexError) {
        guard !stored.isEmpty, stored != Array(schemaVersion.utf8) else { return }
        throw IndexError(
            .incompatibleSchema,
            "the index at \(directory) uses schema \(String(decoding: stored, as: UTF8.self)), "
                + "this passim uses schema \(schemaVersion): delete the index and ingest again")
    }
}
