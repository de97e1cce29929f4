import PassimAnalysis
import PassimArticles

/// Metadata keys Passim keeps in the Xapian database, and the schema version they describe.
enum IndexMetadata {
    /// Bumped whenever terms, values or record formats change incompatibly (2: binary passage
    /// records, 3: binary article records, 4: words joined by `.` `:` `_` `@` are split, so an
    /// older index holds `ix.netcom.com` as one term where queries now ask for its parts, 5:
    /// words are indexed by their stems only, with positions, and no longer as unstemmed terms,
    /// 6: article ids named by corpus roots, which the index records, and article records with
    /// the file's modification time, 7: passages with a source map, code passages and article
    /// records with the file's format, for Markdown and HTML articles, 8: a title derived from
    /// the text is no ranking term of the passages, and article records say whether it was, 9:
    /// Thai, Lao, Khmer and Myanmar words indexed as they are, with bigrams, not as stems).
    static let schemaVersion = "9"
    static let schemaKey = "passim:schema"
    static let articleCountKey = "passim:articles"
    static let articlePrefix = "article:"

    static func articleKey(_ id: String) -> String { articlePrefix + id }

    /// The longest article id (in UTF-8 bytes) whose terms and keys Xapian accepts: its passage
    /// id terms (`Q<id>#<ordinal>`, ordinals of up to 7 digits), its article term and its
    /// record's key must all fit in Xapian's 245 bytes.
    static let maximumArticleIDBytes =
        Schema.maximumTermLength
        - max(
            Schema.passageIDPrefix.utf8.count + "#".utf8.count + 7, Schema.articlePrefix.utf8.count,
            articlePrefix.utf8.count)

    /// The per-file error for an id too long to index, or nil when it fits.
    static func idProblem(_ id: String, path: String) -> ArticleError? {
        let bytes = id.utf8.count
        guard bytes > maximumArticleIDBytes else { return nil }
        return ArticleError(path: path, reason: .idTooLong(bytes: bytes, limit: maximumArticleIDBytes))
    }

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
