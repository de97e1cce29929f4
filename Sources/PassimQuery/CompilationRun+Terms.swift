import PassimAnalysis
import PassimXapian

/// The leaves: words, phrases, NEAR groups, wildcards and synonyms, built from Analyzer tokens
/// through `Schema`, so query terms are exactly the terms the indexer writes.
extension CompilationRun {
    /// Longest word n-gram looked up in the lexicon.
    static let maximumSynonymWords = 4
    /// Most terms a wildcard expands to (the most frequent ones).
    static let maximumWildcardExpansion: UInt32 = 100

    /// Reserves query positions for `count` tokens and returns the first.
    private mutating func reservePositions(_ count: Int) -> UInt32 {
        defer { position += UInt32(count) }
        return position + 1
    }

    /// A ranked bare word with its synonyms; nil when it analyzes to nothing or is a dropped
    /// stop word. `inRun`: the word is part of a sequence's run of words, whose words-together
    /// bonus ranks its parts side by side first (`typed`).
    mutating func bareWord(_ analyzed: AnalyzedText, in context: Context, droppable: Bool, inRun: Bool)
        throws(XapianError)
        -> XapianQuery?
    {
        guard !analyzed.tokens.isEmpty else { return nil }
        let first = reservePositions(analyzed.tokens.count)
        if droppable, isDroppableStopWord(analyzed, in: context) {
            ignoredStopWords.append(analyzed.tokens[0].term)
            return nil
        }
        let query = try typed(analyzed, in: context, at: first, required: !droppable, inRun: inRun)
        return try withSynonyms(query, of: [analyzed], in: context, at: first)
    }

    /// A lone stop word left out of a ranked OR.
    private func isDroppableStopWord(_ analyzed: AnalyzedText, in context: Context) -> Bool {
        dropStopWords && context.positive && analyzed.tokens.count == 1 && analyzed.tokens[0].kind == .word
            && StopWords.contains(analyzed.tokens[0].term)
    }

    /// Plain words of a sequence, each ranked as a bare word; a run of up to four words that
    /// the lexicon knows as one key (`stromal vascular fraction`) also adds the synonym group
    /// `(all the words) SYNONYM acronym`.
    mutating func optionalWords(_ words: [QueryWord], in context: Context, recording: Bool) throws(XapianError)
        -> [XapianQuery]
    {
        let analyses = words.map { analyzer.analyze($0.text) }
        var queries: [XapianQuery] = []
        var index = 0
        while index < analyses.count {
            if let (count, synonyms) = try synonymGroup(in: analyses, from: index) {
                // The words stay words of the query, so a learned acronym never changes which
                // passages match (`mesenchymal stem cells` finds what `stem cells mesenchymal`
                // does); all of them together, or the acronym, add one more item.
                let first = position + 1
                var parts: [XapianQuery] = []
                for (word, analyzed) in zip(words[index..<(index + count)], analyses[index..<(index + count)]) {
                    let at = reservePositions(analyzed.tokens.count)
                    parts.append(try typed(analyzed, in: context, at: at, required: true, inRun: true))
                    if !isDroppableStopWord(analyzed, in: context) {
                        let query = try typed(analyzed, in: context, at: at, required: false, inRun: true)
                        queries.append(query)
                        appliedSynonyms = []
                        if recording { recordWord(word.text, analyzed, query, in: context) }
                    }
                }
                if let all = try XapianQuery.joined(.and, parts) {
                    let group = try synonymQuery(all, synonyms, in: context, at: first)
                    queries.append(group)
                    if recording {
                        let text = words[index..<(index + count)].map(\.text).joined(separator: " ")
                        scoreItems.append(ScoreItem(kind: .synonym, text: text, query: group, synonyms: synonyms))
                    }
                }
                index += count
            } else {
                if let query = try bareWord(analyses[index], in: context, droppable: true, inRun: true) {
                    queries.append(query)
                    if recording { recordWord(words[index].text, analyses[index], query, in: context) }
                }
                index += 1
            }
        }
        return queries
    }

    /// The longest run of two or more words starting at `start` with lexicon synonyms.
    private func synonymGroup(in analyses: [AnalyzedText], from start: Int) throws(XapianError)
        -> (count: Int, synonyms: [String])?
    {
        var end = start
        while end < analyses.count, end - start < Self.maximumSynonymWords, !analyses[end].tokens.isEmpty {
            end += 1
        }
        var count = end - start
        while count >= 2 {
            let synonyms = try lookUpSynonyms(of: Array(analyses[start..<(start + count)]))
            if !synonyms.isEmpty { return (count, synonyms) }
            count -= 1
        }
        return nil
    }

    private func lookUpSynonyms(of analyses: [AnalyzedText]) throws(XapianError) -> [String] {
        let key = analyses.flatMap { $0.tokens.map(\.term) }.joined(separator: " ")
        var seen: Set<String> = [key]
        return try lexicon.synonyms(of: key).filter { seen.insert($0).inserted }
    }

    private mutating func withSynonyms(
        _ query: XapianQuery, of analyses: [AnalyzedText], in context: Context, at first: UInt32
    ) throws(XapianError) -> XapianQuery {
        let synonyms = try lookUpSynonyms(of: analyses)
        appliedSynonyms = synonyms
        return synonyms.isEmpty ? query : try synonymQuery(query, synonyms, in: context, at: first)
    }

    /// `original SYNONYM s1 SYNONYM s2 ...`: a one-word synonym is ranked like a bare word, a
    /// longer one is a phrase. Synonyms share the query position of the original.
    private mutating func synonymQuery(
        _ original: XapianQuery, _ synonyms: [String], in context: Context, at first: UInt32
    ) throws(XapianError) -> XapianQuery {
        var alternatives = [original]
        for synonym in synonyms {
            let analyzed = analyzer.analyze(synonym)
            guard !analyzed.tokens.isEmpty else { continue }
            alternatives.append(try ranked(analyzed, in: context, at: first))
        }
        return try XapianQuery.joined(.synonym, alternatives) ?? original
    }

    /// A word as the user typed it. One the Analyzer splits into several words (`shock-sound`,
    /// `anti-angiogenesis`, `frozen--which`) is those words, as a document's text is and as if
    /// they were typed with spaces: each a term of the query (all of them when the word is
    /// required), side by side worth the words-together bonus of the run of words it is in
    /// (`phraseBonus`), so a hyphen does not count a compound's words twice (a phrase weighs
    /// what its words weigh). Stop words and single letters say nothing on their own: they are
    /// only in that bonus (`x-ray` is `ray`, and `x ray` together ranks first; `e.g.` is only
    /// its phrase). A word not in a run (`cell-derived AND growth`) keeps its phrase as its own
    /// bonus. Excluded, it is the phrase: `-cell-derived` leaves out passages that say
    /// "cell-derived", not every passage that says "cell".
    private mutating func typed(
        _ analyzed: AnalyzedText, in context: Context, at first: UInt32, required: Bool, inRun: Bool
    ) throws(XapianError) -> XapianQuery {
        guard context.positive, Self.isSplitIntoWords(analyzed) else {
            return try ranked(analyzed, in: context, at: first)
        }
        let terms = try positionalTerms(analyzed.tokens, in: context, at: first)
        let phrase = try exact(analyzed, terms: terms, in: context, at: first)
        let words = zip(analyzed.tokens, terms).filter { token, _ in Self.standsAlone(token) }.map(\.1)
        let bonus = inRun ? [] : [phrase]
        if required, let all = try XapianQuery.joined(.and, words) {
            return bonus.isEmpty ? all : try .combine(.andMaybe, [all] + bonus)
        }
        return try XapianQuery.joined(.or, words + bonus) ?? phrase
    }

    /// Whether a part of a split word is searched on its own: not a stop word or single letter.
    static func standsAlone(_ token: Token) -> Bool {
        !(token.kind == .word && (StopWords.contains(token.term) || token.term.unicodeScalars.count == 1))
    }

    /// Whether `typed` searches this word as its words (with, outside a run, their phrase): it
    /// splits into several words, not all CJK, and one of them stands alone (`e.g.` is only
    /// its phrase).
    static func isSplitIntoWords(_ analyzed: AnalyzedText) -> Bool {
        analyzed.tokens.count > 1 && !analyzed.tokens.allSatisfy(\.kind.getsBigrams)
            && analyzed.tokens.contains(where: standsAlone)
    }

    /// One word as ranked: its indexed term (`Z`+P+stem, or P+term for numbers and CJK, plus
    /// a bigram phrase for CJK); a word the Analyzer splits (`cell-derived`) is a phrase.
    private mutating func ranked(_ analyzed: AnalyzedText, in context: Context, at first: UInt32)
        throws(XapianError) -> XapianQuery
    {
        guard analyzed.tokens.count == 1 else { return try exact(analyzed, in: context, at: first) }
        let token = analyzed.tokens[0]
        let query = try XapianQuery.term(indexedTerm(of: token, in: context), position: first)
        if context.positive { markForHighlighting(token) }
        guard let bigrams = try bigramPhrase(analyzed, in: context, at: first) else { return query }
        return try .combine(.or, [query, bigrams])
    }

    /// The tokens in order and adjacent (PHRASE of their indexed terms, so each word in any of
    /// its forms); for CJK text also the phrase of its bigrams, so a differently segmented
    /// document still matches.
    private mutating func exact(_ analyzed: AnalyzedText, in context: Context, at first: UInt32)
        throws(XapianError) -> XapianQuery
    {
        try exact(analyzed, terms: try positionalTerms(analyzed.tokens, in: context, at: first), in: context, at: first)
    }

    /// `exact` over the tokens' positional terms, already made by the caller.
    private mutating func exact(_ analyzed: AnalyzedText, terms: [XapianQuery], in context: Context, at first: UInt32)
        throws(XapianError) -> XapianQuery
    {
        precondition(!terms.isEmpty && terms.count == analyzed.tokens.count, "exact() needs a term per token")
        let phrase =
            try XapianQuery.joined(.phrase, terms, parameter: Self.window(analyzed.tokens)) ?? terms[0]
        guard analyzed.tokens.allSatisfy(\.kind.getsBigrams),
            let bigrams = try bigramPhrase(analyzed, in: context, at: first)
        else { return phrase }
        return try .combine(.or, [phrase, bigrams])
    }

    private mutating func bigramPhrase(_ analyzed: AnalyzedText, in context: Context, at first: UInt32)
        throws(XapianError) -> XapianQuery?
    {
        let terms = try positionalTerms(analyzed.bigrams, in: context, at: first)
        return try .joined(.phrase, terms, parameter: Self.window(analyzed.bigrams))
    }

    /// The indexed terms of tokens whose positions count from `first`: stems of words, the
    /// term itself for numbers and CJK words, `XB+P+bigram` for bigrams.
    private mutating func positionalTerms(_ tokens: [Token], in context: Context, at first: UInt32)
        throws(XapianError) -> [XapianQuery]
    {
        var terms: [XapianQuery] = []
        for token in tokens {
            terms.append(
                try .term(indexedTerm(of: token, in: context), position: first + UInt32(token.position - 1)))
            if context.positive { markForHighlighting(token) }
        }
        return terms
    }

    /// Records a ranked word of the root sequence as a score item, with the synonyms it was
    /// searched with and, for a single word of the body, its token.
    mutating func recordWord(_ text: String, _ analyzed: AnalyzedText, _ query: XapianQuery, in context: Context) {
        let word = context.field == .body && analyzed.tokens.count == 1 ? analyzed.tokens[0] : nil
        scoreItems.append(ScoreItem(kind: .word, text: text, query: query, synonyms: appliedSynonyms, word: word))
        appliedSynonyms = []
    }

    /// The term the indexer writes for `token` in the context's field (`Schema.term`).
    func indexedTerm(of token: Token, in context: Context) -> String {
        Schema.term(for: token, field: context.field) { analyzer.stem($0) }
    }

    /// Marks `token` for highlighting: a word matched through its stem, so every form of it is
    /// a hit; other kinds as they are.
    private mutating func markForHighlighting(_ token: Token) {
        switch token.kind {
        case .bigram:
            highlight.add(bigram: token.term)
        case .word:
            highlight.add(term: token.term)
            highlight.add(stem: analyzer.stem(token.term))
        case .number, .kana, .ideographic, .southeastAsian:
            highlight.add(term: token.term)
        }
    }

    /// The PHRASE window that spans the tokens' positions (their count when consecutive).
    private static func window(_ tokens: [Token]) -> UInt32 {
        guard let first = tokens.first, let last = tokens.last else { return 0 }
        return UInt32(last.position - first.position + 1)
    }

    /// `"words in order"`: one analysis of the whole phrase, stop words kept, in the passage's
    /// text, its heading or its article's title.
    mutating func phrase(_ words: [QueryWord], in context: Context) throws(XapianError) -> XapianQuery? {
        let analyzed = analyzer.analyze(words.map(\.text).joined(separator: " "))
        guard !analyzed.tokens.isEmpty else { return nil }
        let first = reservePositions(analyzed.tokens.count)
        let words = try positionalTerms(analyzed.tokens, in: context, at: first)
        let text = try exact(analyzed, terms: words, in: context, at: first)
        // A passage's words are its text, its heading and its article's title, and so are its
        // phrases: a quoted title finds its article. (One word needs no more: the body's
        // ranking terms hold the title's and the heading's words.)
        guard context.field == .body, analyzed.tokens.count > 1 else { return text }
        var fields: [XapianQuery] = []
        for field in Self.titleAndHeading {
            fields.append(try exact(analyzed, in: Context(field: field, positive: context.positive), at: first))
        }
        return try Self.inAnyField(text, words: words, fields: fields)
    }

    /// The fields besides the text whose words are a passage's words too.
    private static let titleAndHeading: [Schema.Field] = [.title, .section]

    /// A phrase or NEAR group in the text, or in the title or the heading (`fields`, the same
    /// group over each field's positional terms). A match in a field weighs what the group's
    /// `words` weigh in the body's ranking terms, which hold the title's and the heading's words
    /// at their boosted wdf: a phrase in a title weighs what its words do there, as one in the
    /// text does (a field's own terms are rarer, and would outweigh the text's).
    private static func inAnyField(_ text: XapianQuery, words: [XapianQuery], fields: [XapianQuery])
        throws(XapianError) -> XapianQuery
    {
        guard let all = try XapianQuery.joined(.and, words) else { return text }
        var alternatives = [text]
        for field in fields { alternatives.append(try .combine(.filter, [all, field])) }
        return try .joined(.or, alternatives) ?? text
    }

    /// `a NEAR/n b`: NEAR over the words' terms; as in Xapian's QueryParser the window is
    /// n + (terms - 1), so two words may be n positions apart. Like a phrase, in the passage's
    /// text, its heading or its article's title.
    mutating func near(_ words: [QueryWord], distance: Int, in context: Context) throws(XapianError)
        -> XapianQuery?
    {
        let analyses = words.map { analyzer.analyze($0.text).tokens }
        let starts = analyses.map { reservePositions($0.count) }
        func terms(in context: Context) throws(XapianError) -> [XapianQuery] {
            var terms: [XapianQuery] = []
            for (tokens, first) in zip(analyses, starts) {
                terms += try positionalTerms(tokens, in: context, at: first)
            }
            return terms
        }
        func near(_ terms: [XapianQuery]) throws(XapianError) -> XapianQuery? {
            try .joined(.near, terms, parameter: UInt32(distance + terms.count - 1))
        }
        let words = try terms(in: context)
        let text = try near(words)
        guard let text, context.field == .body else { return text }
        var fields: [XapianQuery] = []
        for field in Self.titleAndHeading {
            if let query = try near(try terms(in: Context(field: field, positive: context.positive))) {
                fields.append(query)
            }
        }
        return try Self.inAnyField(text, words: words, fields: fields)
    }

    /// `graft*`: the stems of the most frequent indexed words that start with the prefix
    /// (`expansion(of:in:)`). A prefix the Analyzer splits (`cell-deriv*`) is the phrase of its
    /// leading words AND the wildcard: Xapian 1.4 cannot put a wildcard inside a phrase.
    mutating func prefix(_ word: QueryWord, in context: Context) throws(XapianError) -> XapianQuery? {
        var analyzed = analyzer.analyze(word.text)
        guard let last = analyzed.tokens.popLast() else { return nil }
        analyzed.bigrams.removeAll { $0.end > last.start }
        let first = reservePositions(analyzed.tokens.count + 1)
        let wildcard = try expansion(of: last, in: context)
        if context.positive { highlight.add(prefix: last.term) }
        guard !analyzed.tokens.isEmpty else { return wildcard }
        return try .combine(.and, [try exact(analyzed, in: context, at: first), wildcard])
    }

    /// The terms a prefix stands for, as one SYNONYM. Words are indexed by their stems, which
    /// may be shorter than the prefix (`runn*` must find "running", whose stem is `run`), so
    /// the words come from the lexicon (the index's spelling table, which holds every indexed
    /// word), each mapped to its stem term; the prefix's own stem covers words too short for
    /// the spelling table. Xapian's wildcard over the field's unstemmed terms adds numbers and
    /// CJK words.
    private mutating func expansion(of token: Token, in context: Context) throws(XapianError) -> XapianQuery {
        var alternatives: [XapianQuery] = []
        if token.kind == .word {
            let limit = Int(Self.maximumWildcardExpansion)
            var seen: Set<String> = []
            for word in try [token.term] + lexicon.words(startingWith: token.term, limit: limit) {
                let term = Schema.stemTerm(analyzer.stem(word), field: context.field)
                if seen.insert(term).inserted { alternatives.append(try .term(term)) }
            }
        }
        alternatives.append(
            try .wildcard(prefix: context.field.prefix + token.term, maxExpansion: Self.maximumWildcardExpansion))
        return try .joined(.synonym, alternatives) ?? alternatives[0]
    }
}
