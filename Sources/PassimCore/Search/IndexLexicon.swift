import PassimQuery
import PassimXapian

/// The index's synonym table, as the query compiler asks for it.
struct IndexLexicon: QueryLexicon {
    let database: XapianDatabase

    func synonyms(of key: String) throws(XapianError) -> [String] {
        try database.synonyms(key)
    }
}
