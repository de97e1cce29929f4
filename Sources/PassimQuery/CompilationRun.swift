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

    init(analyzer: Analyzer, lexicon: any QueryLexicon, dropStopWords: Bool) {
        self.analyzer = analyzer
        self.lexicon = lexicon
        self.dropStopWords = dropStopWords
    }

    mutating func compile(_ node: QueryNode, in context: Context) throws(XapianError) -> QueryPart {
        switch node {
        case .word(let word):
            return QueryPart(scored: try bareWord(analyzer.analyze(word.text), in: context, droppable: true))
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
            return try sequence(clauses, in: context)
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
    /// as Xapian's QueryParser does for boolean prefixes).
    private mutating func sequence(_ clauses: [QueryClause], in context: Context) throws(XapianError)
        -> QueryPart
    {
        var required: [XapianQuery] = []
        var optional: [XapianQuery] = []
        var excluded: [XapianQuery] = []
        var fieldFilters: [(field: FilterField, terms: [XapianQuery])] = []
        var otherFilters: [XapianQuery] = []
        var index = 0
        while index < clauses.count {
            let clause = clauses[index]
            if clause.occurrence == .optional, case .word = clause.node {
                var words: [QueryWord] = []
                while index < clauses.count, clauses[index].occurrence == .optional,
                    case .word(let word) = clauses[index].node
                {
                    words.append(word)
                    index += 1
                }
                optional += try optionalWords(words, in: context)
                continue
            }
            index += 1
            switch (clause.occurrence, clause.node) {
            case (.excluded, _):
                if let query = try compile(clause.node, in: context.negated).exclusion() {
                    excluded.append(query)
                }
            case (_, .filter(let field, let value)):
                let term = try filterTerm(field, value)
                if let slot = fieldFilters.firstIndex(where: { $0.field == field }) {
                    fieldFilters[slot].terms.append(term)
                } else {
                    fieldFilters.append((field, [term]))
                }
            case (.required, .word(let word)):
                // `+the` keeps a stop word: the user asked for it explicitly.
                if let query = try bareWord(analyzer.analyze(word.text), in: context, droppable: false) {
                    required.append(query)
                }
            default:
                let part = try compile(clause.node, in: context)
                if part.scored == nil, let filter = part.filter {
                    otherFilters.append(filter)
                } else if let query = try part.materialized() {
                    if clause.occurrence == .required {
                        required.append(query)
                    } else {
                        optional.append(query)
                    }
                }
            }
        }
        var scored = try XapianQuery.joined(.or, optional)
        if let all = try XapianQuery.joined(.and, required) {
            if let ranked = scored {
                scored = try .combine(.andMaybe, [all, ranked])
            } else {
                scored = all
            }
        }
        if let exclusion = try XapianQuery.joined(.or, excluded) {
            // Only exclusions: everything but them (Xapian's FLAG_PURE_NOT behaviour).
            scored = try .combine(.andNot, [try XapianQuery.matchingAll(unless: scored), exclusion])
        }
        var filters: [XapianQuery] = []
        for group in fieldFilters {
            if let query = try XapianQuery.joined(.or, group.terms) { filters.append(query) }
        }
        return QueryPart(scored: scored, filter: try .joined(.and, filters + otherFilters))
    }

    private func filterTerm(_ field: FilterField, _ value: String) throws(XapianError) -> XapianQuery {
        switch field {
        case .article: try .term(Schema.articleTerm(value))
        case .source: try .term(Schema.sourceDomainTerm(value))
        }
    }
}
