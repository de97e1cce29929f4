import PassimAnalysis
import PassimXapian

/// Turns a parsed query into a Xapian query, analyzing every word with the document Analyzer.
///
/// Not thread safe (the Analyzer is not): use one compiler per thread.
public struct QueryCompiler {
    private let analyzer: Analyzer
    private let lexicon: any QueryLexicon

    /// Creates a compiler over `analyzer`, asking `lexicon` for synonyms.
    public init(analyzer: Analyzer, lexicon: any QueryLexicon = EmptyLexicon()) {
        self.analyzer = analyzer
        self.lexicon = lexicon
    }

    /// Compiles a parsed query; throws only what Xapian or the lexicon throw.
    public func compile(_ query: ParsedQuery) throws(XapianError) -> CompiledQuery {
        try compile(query.root)
    }

    /// Compiles a query tree.
    ///
    /// Bare stop words are left out of the ranking, unless that leaves nothing to search for
    /// (`the who`, `to be or not to be`): then they are kept.
    public func compile(_ root: QueryNode) throws(XapianError) -> CompiledQuery {
        let compiled = try run(root, dropStopWords: true)
        if compiled.highlight.isEmpty, !compiled.ignoredStopWords.isEmpty {
            return try run(root, dropStopWords: false)
        }
        return compiled
    }

    private func run(_ root: QueryNode, dropStopWords: Bool) throws(XapianError) -> CompiledQuery {
        var run = CompilationRun(analyzer: analyzer, lexicon: lexicon, dropStopWords: dropStopWords)
        let part = try run.compile(root, in: CompilationRun.Context(field: .body, positive: true))
        return CompiledQuery(
            xapian: try part.finished(), highlight: run.highlight, ignoredStopWords: run.ignoredStopWords)
    }
}
