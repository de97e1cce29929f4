import PassimAnalysis
import PassimXapian

/// One walk over a query tree, turning nodes into Xapian queries.
///
/// Holds what the walk accumulates: the running query position (Xapian's `@n`), the
/// highlight plan, and the stop words left out.
struct CompilationRun {
    /// Where a node sits: which field it searches and whether it is wanted (not excluded).
    struct Context {
        var field: Schema.Field
        var positive: Bool

        var negated: Context { Context(field: field, positive: false) }
    }

    let analyzer: Analyzer
    let lexicon: any QueryLexicon
    /// Whether bare stop words are left out of the ranked OR.
    let dropStopWords: Bool
    var position: UInt32 = 0
    var highlight = HighlightPlan()
    var ignoredStopWords: [String] = []
    /// Phrase bonuses the caller adds above the whole query, each as `query AND_MAYBE phrase`
    /// (see `sequence`).
    var hoistedBonuses: [XapianQuery] = []
    /// The parts whose weights add up to the score (see `ScoreItem`): the root sequence's
    /// ranked items and every words-together bonus.
    var scoreItems: [ScoreItem] = []
    /// Whether the root was a sequence whose items are in `scoreItems`; otherwise the whole
    /// query is one item.
    var recordedRoot = false
    /// The synonyms the last ranked word was searched with.
    var appliedSynonyms: [String] = []
    /// Whether the next node compiled is the query's root.
    private var atRoot = true

    init(analyzer: Analyzer, lexicon: any QueryLexicon, dropStopWords: Bool) {
        self.analyzer = analyzer
        self.lexicon = lexicon
        self.dropStopWords = dropStopWords
    }

    mutating func compile(_ node: QueryNode, in context: Context) throws(XapianError) -> QueryPart {
        let isRoot = atRoot
        atRoot = false
        switch node {
        case .word(let word):
            let analyzed = analyzer.analyze(word.text)
            let query = try bareWord(analyzed, in: context, droppable: true, inRun: false)
            if isRoot, let query {
                recordWord(word.text, analyzed, query, in: context)
                recordedRoot = true
            }
            return QueryPart(scored: query)
        case .phrase(let words):
            return QueryPart(scored: try phrase(words, in: context))
        case .near(let words, let distance):
            return QueryPart(scored: try near(words, distance: distance, in: context))
        case .prefix(let word):
            return QueryPart(scored: try prefix(word, in: context))
        case .field(let field, let inner):
            let schemaField: Schema.Field = field == .title ? .title : .section
            return try compile(inner, in: Context(field: schemaField, positive: context.positive))
        case .filter(let field, let value):
            return QueryPart(filter: try filterTerm(field, value))
        case .sequence(let clauses):
            return try sequence(clauses, in: context, isRoot: isRoot)
        case .and(let nodes):
            var parts: [QueryPart] = []
            for node in nodes { parts.append(try compile(node, in: context)) }
            return QueryPart(
                scored: try .joined(.and, parts.compactMap(\.scored)),
                filter: try .joined(.and, parts.compactMap(\.filter)))
        case .or(let nodes):
            var parts: [QueryPart] = []
            for node in nodes { parts.append(try compile(node, in: context)) }
            if parts.allSatisfy({ $0.scored == nil }) {
                return QueryPart(filter: try .joined(.or, parts.compactMap(\.filter)))
            }
            var queries: [XapianQuery] = []
            for part in parts { if let query = try part.materialized() { queries.append(query) } }
            return QueryPart(scored: try .joined(.or, queries))
        case .andNot(let base, let removed):
            let kept = try compile(base, in: context)
            guard let exclusion = try compile(removed, in: context.negated).exclusion() else { return kept }
            if let scored = kept.scored {
                return QueryPart(scored: try .combine(.andNot, [scored, exclusion]), filter: kept.filter)
            }
            if let filter = kept.filter {
                return QueryPart(filter: try .combine(.andNot, [filter, exclusion]))
            }
            return QueryPart(
                scored: try .combine(.andNot, [try XapianQuery.matchingAll(unless: nil), exclusion]))
        }
    }

    /// `+required optional -excluded`, plus filters: `(AND(required) AND_MAYBE OR(optional))
    /// AND_NOT OR(excluded)`, filtered by the filter items (OR within a field, AND across fields,
    /// as Xapian's QueryParser does for boolean prefixes). Each run of two or more juxtaposed
    /// words also gets its phrase bonus (`phraseBonus(of:in:)`).
    ///
    /// Where the bonus goes is a matter of correctness in Xapian 1.4. In an OR whose other
    /// items are the phrase's own words, the phrase is exact only while that OR is the top of
    /// the query: once the OR sits under a FILTER, an AND or the right side of AND_MAYBE,
    /// Xapian checks it document by document and then counts the phrase for passages whose
    /// words are not side by side (a filtered search scored some passages twice as high as
    /// the same search unfiltered). So the bonus stays in the OR only for a root sequence of
    /// optional words alone, the common case and the fast one; anywhere else it is hoisted
    /// (`hoistedBonuses`) and added over the whole query as `query AND_MAYBE phrase`, which
    /// Xapian evaluates exactly and which adds the same weight to the same passages.
    private mutating func sequence(_ clauses: [QueryClause], in context: Context, isRoot: Bool)
        throws(XapianError) -> QueryPart
    {
        var parts = SequenceParts()
        var run = WordRun(first: position + 1)
        var bonuses: [(phrase: XapianQuery, matchedByOptional: Bool, text: String)] = []
        recordedRoot = recordedRoot || isRoot
        var index = 0
        while index < clauses.count {
            let clause = clauses[index]
            guard clause.occurrence != .excluded, case .word(let word) = clause.node else {
                if let bonus = try phraseBonus(of: run, in: context) { bonuses.append(bonus) }
                index += 1
                try add(clause, to: &parts, in: context, recording: isRoot)
                run = WordRun(first: position + 1)
                continue
            }
            if clause.occurrence == .optional {
                var words: [QueryWord] = []
                while index < clauses.count, clauses[index].occurrence == .optional,
                    case .word(let word) = clauses[index].node
                {
                    words.append(word)
                    index += 1
                }
                let queries = try optionalWords(words, in: context, recording: isRoot)
                parts.optional += queries
                run.words += words
                run.matchedByOptional = run.matchedByOptional || !queries.isEmpty
                continue
            }
            index += 1
            run.words.append(word)
            // `+the` keeps a stop word: the user asked for it explicitly.
            let analyzed = analyzer.analyze(word.text)
            if let query = try bareWord(analyzed, in: context, droppable: false, inRun: true) {
                parts.required.append(query)
                if isRoot { recordWord("+" + word.text, analyzed, query, in: context) }
            }
        }
        if let bonus = try phraseBonus(of: run, in: context) { bonuses.append(bonus) }
        // A bonus must not match alone: beside required items it cannot (AND_MAYBE), and in a
        // plain OR only when one of its words is an OR term of its own.
        let keptBonuses = bonuses.filter { $0.matchedByOptional || !parts.required.isEmpty }
        for bonus in keptBonuses {
            scoreItems.append(ScoreItem(kind: .wordsTogether, text: bonus.text, query: bonus.phrase))
        }
        let kept = keptBonuses.map(\.phrase)
        let stayInOR =
            isRoot && parts.required.isEmpty && parts.excluded.isEmpty && parts.fieldFilters.isEmpty
            && parts.otherFilters.isEmpty
        if stayInOR {
            parts.optional += kept
        } else {
            hoistedBonuses += kept
        }
        var scored = try XapianQuery.joined(.or, parts.optional)
        if let all = try XapianQuery.joined(.and, parts.required) {
            if let ranked = scored {
                scored = try .combine(.andMaybe, [all, ranked])
            } else {
                scored = all
            }
        }
        if let exclusion = try XapianQuery.joined(.or, parts.excluded) {
            // Only exclusions: everything but them (Xapian's FLAG_PURE_NOT behaviour).
            scored = try .combine(.andNot, [try XapianQuery.matchingAll(unless: scored), exclusion])
        }
        var filters: [XapianQuery] = []
        for group in parts.fieldFilters {
            if let query = try XapianQuery.joined(.or, group.terms) { filters.append(query) }
        }
        return QueryPart(scored: scored, filter: try .joined(.and, filters + parts.otherFilters))
    }

    /// The items of a sequence, sorted by the role they play in it.
    private struct SequenceParts {
        var required: [XapianQuery] = []
        var optional: [XapianQuery] = []
        var excluded: [XapianQuery] = []
        var fieldFilters: [(field: FilterField, terms: [XapianQuery])] = []
        var otherFilters: [XapianQuery] = []
    }

    /// Sorts a clause other than a wanted bare word into `parts`.
    private mutating func add(
        _ clause: QueryClause, to parts: inout SequenceParts, in context: Context, recording: Bool
    ) throws(XapianError) {
        switch (clause.occurrence, clause.node) {
        case (.excluded, _):
            if let query = try compile(clause.node, in: context.negated).exclusion() {
                parts.excluded.append(query)
            }
        case (_, .filter(let field, let value)):
            let term = try filterTerm(field, value)
            if let slot = parts.fieldFilters.firstIndex(where: { $0.field == field }) {
                parts.fieldFilters[slot].terms.append(term)
            } else {
                parts.fieldFilters.append((field, [term]))
            }
        default:
            let part = try compile(clause.node, in: context)
            if part.scored == nil, let filter = part.filter {
                parts.otherFilters.append(filter)
            } else if let query = try part.materialized() {
                if recording {
                    let text = (clause.occurrence == .required ? "+" : "") + clause.node.description
                    scoreItems.append(ScoreItem(kind: ScoreItem.Kind(clause.node), text: text, query: query))
                }
                if clause.occurrence == .required {
                    parts.required.append(query)
                } else {
                    parts.optional.append(query)
                }
            }
        }
    }

    private func filterTerm(_ field: FilterField, _ value: String) throws(XapianError) -> XapianQuery {
        switch field {
        case .article: try .term(Schema.articleTerm(value))
        case .source: try .term(Schema.sourceDomainTerm(value))
        }
    }
}
