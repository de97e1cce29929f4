import Foundation
import PassimAnalysis
import PassimQuery
import PassimXapian
import Testing

/// A throwaway index written with the Schema's term layout, so compiled queries run for real.
///
/// This is a minimal stand-in for PassimCore's indexer, not a copy of it: it writes only the
/// terms the query compiler looks for, which is what these tests check.
private final class SchemaIndex {
    struct Document {
        var name: String
        var body: String
        var title = ""
        var section = ""
        var source = ""
    }

    let path: String
    private let analyzer: Analyzer

    init(_ documents: [Document], analyzer: Analyzer) throws {
        self.analyzer = analyzer
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("passim-query-\(UUID().uuidString)").path
        let database = try WritableXapianDatabase(path: path)
        for document in documents {
            let xapian = XapianDocument()
            try index(document.body, field: .body, into: xapian)
            try index(document.title, field: .title, into: xapian)
            try index(document.section, field: .section, into: xapian)
            try xapian.addBooleanTerm(Schema.articleTerm(document.name))
            if let domain = SourceDomain.normalize(document.source) {
                try xapian.addBooleanTerm(Schema.sourceDomainTerm(domain))
            }
            try xapian.setData(Array(document.name.utf8))
            try database.add(xapian)
            // The spelling table is the word list wildcards expand over, as the indexer fills it.
            for token in analyzer.analyze(document.body).tokens where token.kind == .word && token.term.utf8.count >= 3
            {
                try database.addSpelling(token.term, frequency: 1)
            }
        }
        try database.commit()
        try database.close()
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    private func index(_ text: String, field: Schema.Field, into document: XapianDocument) throws {
        let analyzed = analyzer.analyze(text)
        for token in analyzed.tokens + analyzed.bigrams {
            try document.addPosting(
                Schema.term(for: token, field: field, stem: analyzer.stem), position: UInt32(token.position))
        }
    }

    /// The index's synonym and spelling tables.
    func lexicon() throws -> DatabaseLexicon {
        DatabaseLexicon(database: try XapianDatabase(path: path))
    }

    /// Names of the matching documents, sorted.
    func matches(_ query: XapianQuery) throws -> [String] {
        let database = try XapianDatabase(path: path)
        let found = try database.search(query, options: XapianSearchOptions(limit: 1000))
        return found.matches.map { String(decoding: $0.data, as: UTF8.self) }.sorted()
    }
}

private let documents: [SchemaIndex.Document] = [
    .init(
        name: "a", body: "Stromal vascular fraction cells were injected into the graft.",
        source: "https://www.nih.gov/x"),
    .init(name: "b", body: "SVF injection improved fat graft survival.", source: "who.int"),
    .init(name: "c", body: "Platelet-rich plasma is made from blood.", title: "PRP basics"),
    .init(name: "d", body: "血小板研究の進歩"),
    .init(name: "e", body: "Adipose cell–derived stem cells help healing.", section: "Methods"),
    .init(name: "f", body: "The who and the what."),
]

/// Query -> the documents it finds in the index above.
private let searchCases: [(query: String, names: [String])] = [
    ("svf", ["a", "b"]),
    ("stromal vascular fraction", ["a", "b"]),
    ("\"fat graft\"", ["b"]),
    ("\"graft fat\"", []),
    ("fat NEAR/2 survival", ["b"]),
    ("fat NEAR/1 survival", []),
    ("survival NEAR/2 fat", ["b"]),
    // A split word is its words, as a document's text is; the phrase is a bonus, not a match.
    ("cell-derived", ["a", "e"]),
    ("+cell-derived", ["e"]),
    ("-cell-derived", ["a", "b", "c", "d", "f"]),
    ("anti-stromal", ["a"]),
    ("graft*", ["a", "b"]),
    ("cell-deriv*", ["e"]),
    ("source:nih.gov", ["a"]),
    ("graft source:who.int", ["b"]),
    ("graft -source:who.int", ["a"]),
    ("title:prp", ["c"]),
    ("prp", ["c"]),
    ("section:methods", ["e"]),
    ("小板", ["d"]),
    ("血小板", ["d"]),
    ("platelet-rich plasma", ["c"]),
    ("the who", ["a", "f"]),
    ("+the +who", ["f"]),
    ("-svf", ["c", "d", "e", "f"]),
    ("article:b", ["b"]),
    ("+graft injected", ["a", "b"]),
    ("graft NOT injection", []),
    ("graft NOT survival", ["a"]),
    ("(stem OR blood) AND cells", ["e"]),
]

@Suite struct CompiledQuerySearchTests {
    let analyzer: Analyzer
    fileprivate let index: SchemaIndex

    init() throws {
        analyzer = try Analyzer()
        index = try SchemaIndex(documents, analyzer: analyzer)
    }

    @Test func wildcardKeepsTheHundredMostFrequentExpansions() throws {
        // 150 distinct terms share the prefix; term0...term9 occur in two documents each.
        let many = (0..<150).map { SchemaIndex.Document(name: "m\($0)", body: "term\($0)") }
        let extra = (0..<10).map { SchemaIndex.Document(name: "x\($0)", body: "term\($0)") }
        let index = try SchemaIndex(many + extra, analyzer: analyzer)
        let compiled = try QueryCompiler(analyzer: analyzer, lexicon: index.lexicon())
            .compile(QueryParser().parse("term*"))
        let names = try index.matches(compiled.xapian)
        #expect(names.count == 110)
        #expect(Set((0..<10).map { "x\($0)" }).isSubset(of: names))
    }

    /// Words are indexed by their stems, which can be shorter than a typed prefix: `runni*`
    /// must still find "running" (stem `run`), through the spelling table's word list.
    @Test func wildcardFindsWordsWhoseStemIsShorterThanThePrefix() throws {
        let index = try SchemaIndex(
            [.init(name: "a", body: "Running late."), .init(name: "b", body: "Runners wait.")], analyzer: analyzer)
        let compiler = QueryCompiler(analyzer: analyzer, lexicon: try index.lexicon())
        #expect(try index.matches(compiler.compile(QueryParser().parse("runni*")).xapian) == ["a"])
        #expect(try index.matches(compiler.compile(QueryParser().parse("runner*")).xapian) == ["b"])
        #expect(try index.matches(compiler.compile(QueryParser().parse("run*")).xapian) == ["a", "b"])
        // Without the word list only the prefix's own stem is left.
        let bare = QueryCompiler(analyzer: analyzer)
        #expect(try index.matches(bare.compile(QueryParser().parse("runni*")).xapian) == [])
    }

    /// A learned acronym never takes matches away: its long form finds what the same words in
    /// another order find, and the passages that use the acronym besides.
    @Test func anAcronymsLongFormOnlyAddsMatches() throws {
        let compiler = QueryCompiler(analyzer: analyzer, lexicon: FixtureLexicon())
        let ordered = try index.matches(compiler.compile(QueryParser().parse("stromal vascular fraction")).xapian)
        let shuffled = try index.matches(compiler.compile(QueryParser().parse("fraction stromal vascular")).xapian)
        #expect(shuffled == ["a"])
        #expect(ordered == ["a", "b"])
        let fewer = try index.matches(compiler.compile(QueryParser().parse("stromal vascular")).xapian)
        #expect(Set(fewer).isSubset(of: Set(ordered)))
    }

    @Test func compiledQueriesFindTheExpectedDocuments() throws {
        let compiler = QueryCompiler(analyzer: analyzer, lexicon: FixtureLexicon())
        for (query, names) in searchCases {
            let compiled = try compiler.compile(QueryParser().parse(query))
            #expect(try index.matches(compiled.xapian) == names, "\(query) -> \(compiled.xapian)")
        }
    }
}
