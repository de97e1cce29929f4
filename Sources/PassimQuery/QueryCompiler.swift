import PassimAnalysis
import PassimXapian

/// Turns a parsed query into a Xapian query, analyzing every word with the document Analyzer.
///
/// Rules (P is the field prefix from `Schema`: body "", `title:` "S", `section:` "XS"). Every
/// token has one indexed term, with positions (`Schema.term`): `Z`+P+stem for words, P+term for
/// numbers and CJK words, `XB`+P+bigram for bigrams.
/// - bare word: its term; a CJK word also ORs the PHRASE of its bigrams; a word the Analyzer
///   splits (`cell-derived`) is the PHRASE of its terms; bare stop words are dropped unless
///   nothing else is left;
/// - `"phrase"`: PHRASE of its terms (stop words kept, each word in any of its forms), plus the
///   bigram phrase for CJK;
/// - `a NEAR/n b`: NEAR of the terms with window n + terms - 1 (Xapian's convention);
/// - `prefix*`: SYNONYM of the stem terms of the 100 most frequent indexed words with that
///   prefix (the lexicon's word list), the prefix's own stem, and a WILDCARD on P+prefix for
///   numbers and CJK words;
/// - `article:`/`source:`: `XA`/`XD` boolean terms applied with FILTER (OR within one field, AND
///   across fields); a query of filters alone matches everything they allow;
/// - sequence: `(AND(+items) AND_MAYBE OR(items)) AND_NOT OR(-items)`; only `-items` give
///   `<alldocuments> AND_NOT ...`; each run of two or more juxtaposed bare words (`+` or not)
///   also gets the PHRASE of its terms, stop words included: a bonus for passages that hold
///   the words together, never a match of its own, among the OR items of a root sequence of
///   optional words and as `query AND_MAYBE phrase` over the whole query elsewhere;
/// - synonyms: single words and runs of 2-4 plain words found in the lexicon become
///   `original SYNONYM synonym...`; a run's original is the AND of its words, a multi-word
///   synonym is a phrase. Quoted phrases get no synonyms.
///
/// The compiled query also lists its score items (`ScoreItem`): parts whose weights add up to
/// a passage's score, for explaining it.
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
        var query = try part.finished()
        // One AND_MAYBE per bonus: under an OR of several, Xapian would check each phrase
        // inside that OR, the inexact case the hoisting avoids.
        for bonus in run.hoistedBonuses {
            query = try .combine(.andMaybe, [query, bonus])
        }
        var items = run.scoreItems
        if !run.recordedRoot, let scored = part.scored {
            items.insert(ScoreItem(kind: ScoreItem.Kind(root), text: root.description, query: scored), at: 0)
        }
        return CompiledQuery(
            xapian: query, highlight: run.highlight, ignoredStopWords: run.ignoredStopWords, scoreItems: items)
    }
}
