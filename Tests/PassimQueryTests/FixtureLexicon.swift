import PassimQuery
import PassimXapian

/// A small synonym table like the one ingestion learns from acronym definitions, both ways.
struct FixtureLexicon: QueryLexicon {
    static let pairs = [
        ("svf", "stromal vascular fraction"),
        ("prp", "platelet rich plasma"),
        ("mscs", "mesenchymal stem cells"),
        ("mscs", "msc"),
        ("qol", "quality of life"),
    ]

    private let table: [String: [String]] = {
        var table: [String: [String]] = [:]
        for (short, long) in pairs {
            table[short, default: []].append(long)
            table[long, default: []].append(short)
        }
        return table
    }()

    func synonyms(of key: String) throws(XapianError) -> [String] {
        table[key] ?? []
    }

    func words(startingWith prefix: String, limit: Int) throws(XapianError) -> [String] { [] }
}

/// Records every key the compiler asks about.
final class RecordingLexicon: QueryLexicon {
    private(set) var keys: [String] = []

    func synonyms(of key: String) throws(XapianError) -> [String] {
        keys.append(key)
        return []
    }

    func words(startingWith prefix: String, limit: Int) throws(XapianError) -> [String] { [] }
}

/// A lexicon whose index has gone away, to check that its errors reach the caller.
struct FailingLexicon: QueryLexicon {
    func synonyms(of key: String) throws(XapianError) -> [String] {
        throw Self.modified
    }

    func words(startingWith prefix: String, limit: Int) throws(XapianError) -> [String] {
        throw Self.modified
    }

    private static let modified = XapianError(
        code: .databaseModified, type: "DatabaseModifiedError", message: "revision moved on")
}
