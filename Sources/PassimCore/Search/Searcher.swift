import PassimAnalysis
import PassimArticles
import PassimQuery
import PassimXapian

/// Answers searches over one index. Owns a Xapian database handle and an analyzer, so it is
/// used by one thread at a time: the daemon keeps one per worker thread.
public final class Searcher {
    /// Below this many matches a query "finds little" and a spelling correction is tried.
    static let fewMatches = 3
    /// How often a search is retried when a concurrent commit invalidates the reader.
    static let modifiedRetries = 3

    public let layout: IndexLayout
    /// The index as Xapian reads it: one database, or a sharded index's catalog and shards.
    private(set) var database: XapianDatabase
    /// A sharded index's catalog on its own, whose revision is the index's (Xapian has no
    /// revision for a database of several).
    private var catalog: XapianDatabase?
    /// Whether the index is sharded (it decides every search's tie order).
    private var sharded: Bool
    /// The UUID of the database whose revision is the index's, as opened: an index deleted and
    /// built again has a new one, even at the same revision.
    public private(set) var identity: String
    let analyzer: Analyzer
    private let parser = LenientQueryParser()
    /// Stems of the words of hit passages, kept across searches (bounded; see `StemCache`).
    private let highlightStems: StemCache
    private var articles: [String: ArticleRecord] = [:]

    /// Opens the index read-only. Fails with `.notFound` when nothing has been ingested yet.
    public init(layout: IndexLayout) throws(IndexError) {
        self.layout = layout
        guard layout.exists else {
            throw IndexError(.notFound, "no index at \(layout.directory): run `passim ingest` to build it")
        }
        (sharded, database, catalog, identity) = try Self.open(layout)
        do {
            analyzer = try Analyzer()
        } catch {
            throw IndexError(.backend, "cannot start the analyzer: \(error)")
        }
        highlightStems = StemCache(analyzer: analyzer, capacity: Self.highlightStemCapacity)
    }

    private static func open(
        _ layout: IndexLayout
    ) throws(IndexError) -> (sharded: Bool, database: XapianDatabase, catalog: XapianDatabase?, identity: String) {
        let sharded = layout.isSharded
        do {
            let database = try XapianDatabase(path: layout.database)
            let catalog = sharded ? try XapianDatabase(path: ShardStub.catalogPath(of: layout)) : nil
            try IndexMetadata.checkSchema(try database.metadata(IndexMetadata.schemaKey), directory: layout.directory)
            return (sharded, database, catalog, try (catalog ?? database).uuid())
        } catch {
            throw IndexError.mapping(error, path: layout.directory, context: "cannot open the index")
        }
    }

    /// Words whose stems a searcher keeps for highlighting: about 2 MB at most.
    static let highlightStemCapacity = 20_000

    /// Moves to the newest committed revision. Returns true if the index had changed.
    @discardableResult
    public func refresh() throws(IndexError) -> Bool {
        // Xapian's reopen moves along one database's revisions: it takes a database built anew
        // at the same revision for no change, and keeps reading the deleted one's files.
        if try replaced() {
            (sharded, database, catalog, identity) = try Self.open(layout)
            articles.removeAll(keepingCapacity: true)
            return true
        }
        let changed: Bool
        do {
            let catalogChanged = try catalog?.reopen() ?? false
            changed = try database.reopen() || catalogChanged
        } catch  where Self.lostConnection(error) && sharded {
            try reconnect()
            return true
        } catch {
            throw IndexError.from(error, path: layout.directory)
        }
        if changed { articles.removeAll(keepingCapacity: true) }
        return changed
    }

    /// True when the index at the layout is not the one this searcher opened: deleted and
    /// built again, or made sharded or single.
    private func replaced() throws(IndexError) -> Bool {
        guard layout.isSharded == sharded else { return true }
        let path = sharded ? ShardStub.catalogPath(of: layout) : layout.database
        do {
            return try XapianDatabase(path: path).uuid() != identity
        } catch {
            throw IndexError.from(error, path: layout.directory)
        }
    }

    /// Opens the index anew: a remote shard's connection that was dropped (by the server's
    /// idle timeout, a restart, a network fault) or whose database was replaced by a new
    /// replica cannot be reopened, only replaced.
    func reconnect() throws(IndexError) {
        do {
            database = try XapianDatabase(path: layout.database)
        } catch {
            throw IndexError.from(error, path: layout.directory)
        }
        articles.removeAll(keepingCapacity: true)
    }

    /// The database whose revision is the index's.
    var revisionDatabase: XapianDatabase { catalog ?? database }

    /// The revision this searcher reads (a sharded index's: its catalog's).
    public func revision() throws(IndexError) -> UInt64 {
        try guarded { () throws(XapianError) in try revisionDatabase.revision() }
    }

    /// Runs `request`, correcting spelling when the query finds little; hits point at the
    /// files as they are now (``Freshness``).
    public func search(_ request: SearchParameters) throws(SearchError) -> SearchResults {
        guard request.limit >= 1, request.limit <= SearchParameters.maximumLimit else {
            throw .invalidRequest("limit must be between 1 and \(SearchParameters.maximumLimit), got \(request.limit)")
        }
        guard request.offset >= 0 else {
            throw .invalidRequest("offset must not be negative, got \(request.offset)")
        }
        if let perArticle = request.perArticle, perArticle < 1 {
            throw .invalidRequest("per-article must be at least 1, got \(perArticle)")
        }
        let parsed: ParsedQuery
        let repairs: [QueryRepair]
        do {
            (parsed, repairs) = try parser.parse(request.query)
        } catch {
            throw .syntax(error)
        }
        var result = try run(parsed, request: request)
        if request.correctSpelling, result.estimatedTotal < Self.fewMatches,
            let corrected = try correction(of: parsed),
            let reparsed = try? parser.parse(corrected).query
        {
            let alternative = try run(reparsed, request: request)
            if alternative.estimatedTotal > result.estimatedTotal {
                result = alternative
                result.correctedQuery = corrected
            }
        }
        result.query = request.query
        result.readAsText = repairs
        // Hits point at their passages in the files as they are now (a stat per file when
        // nothing changed).
        Freshness().check(&result)
        return result
    }

    private func run(_ parsed: ParsedQuery, request: SearchParameters) throws(SearchError) -> SearchResults {
        do {
            return try reading { () throws in try runOnce(parsed, request: request) }
        } catch {
            throw .index(error)
        }
    }

    /// Every read of the index goes through here: `body` runs again on the newest revision
    /// when a commit invalidated what it was reading (a few times at most), and its failures
    /// become `IndexError`s, the same way for searches and lookups.
    func reading<T>(_ body: () throws -> T) throws(IndexError) -> T {
        var attempt = 0
        var reconnected = false
        while true {
            do {
                return try body()
            } catch let error as XapianError where error.code == .databaseModified && attempt < Self.modifiedRetries {
                attempt += 1
                try refresh()
            } catch let error as XapianError where Self.lostConnection(error) && !reconnected {
                reconnected = true
                try reconnect()
            } catch {
                throw IndexError.mapping(
                    error, path: layout.directory, context: "reading the index at \(layout.directory) failed")
            }
        }
    }

    /// Whether `error` is a remote shard's lost connection (or its replaced database), which
    /// a new connection may cure.
    static func lostConnection(_ error: XapianError) -> Bool {
        switch error.code {
        case .network, .networkTimeout, .databaseNotFound, .databaseOpening, .databaseClosed: true
        default: false
        }
    }

    private func runOnce(_ parsed: ParsedQuery, request: SearchParameters) throws -> SearchResults {
        let compiled = try QueryCompiler(analyzer: analyzer, lexicon: DatabaseLexicon(database: database))
            .compile(parsed)
        var options = XapianSearchOptions()
        options.offset = UInt32(request.offset)
        options.limit = UInt32(request.limit)
        Self.weigh(request, into: &options)
        // Where Xapian 1.4 may prune wrongly, every match is scored (see `exhaustiveMatching`);
        // a single word, a phrase or an AND prunes exactly and stays fast.
        options.checkAtLeast =
            compiled.xapian.mayPruneInexactly
            ? try Self.exhaustiveMatching(database) : UInt32(request.offset + request.limit + 1)
        if request.facets {
            // The spy counts what the match examines: every match, for counts a picker can show.
            options.countSlot = Schema.articleSlot
            options.checkAtLeast = try Self.exhaustiveMatching(database)
        }
        if let perArticle = request.perArticle {
            options.collapseSlot = Schema.articleSlot
            options.collapseMax = UInt32(perArticle)
        }
        // A single index keeps docid order for equal scores, which costs nothing; a sharded
        // one puts them in article id order (`TieOrder`).
        let matches =
            sharded
            ? try TieOrder(slot: Schema.articleSlot).search(compiled.xapian, options: options, in: database) {
                try PassageRecord.decode($0.data).articleID
            } : try database.search(compiled.xapian, options: options)
        let highlighter = Highlighter(plan: compiled.highlight, stems: highlightStems)
        var hits: [RankedPassage] = []
        hits.reserveCapacity(matches.matches.count)
        var titleHighlights: [String: [Range<Int>]] = [:]
        for (index, match) in matches.matches.enumerated() {
            let record = try PassageRecord.decode(match.data)
            let article = try articleRecord(record.articleID)
            var hit = RankedPassage(
                rank: request.offset + index + 1, score: match.weight, article: article,
                passage: record.passage, highlights: highlighter.highlights(in: record.passage))
            // The title and heading are words of the passage too (a derived title is not; see
            // `DocumentBuilder`): the hit shows which of their words matched.
            if !article.titleIsDerived {
                if titleHighlights[article.id] == nil {
                    titleHighlights[article.id] = highlighter.ranges(in: article.title)
                }
                hit.titleHighlights = titleHighlights[article.id] ?? []
            }
            hit.sectionHighlights = record.passage.section.map(highlighter.ranges(in:)) ?? []
            if request.explain {
                hit.explanation = try explanation(
                    of: compiled, passage: hit.passageID, docid: match.docid, request: request)
            }
            hits.append(hit)
        }
        var results = SearchResults(query: request.query, estimatedTotal: matches.estimated, hits: hits)
        if request.facets { results.facets = try facets(from: matches.valueCounts) }
        return results
    }

    /// Passim's weighting: divergence from randomness, IneB2 (Amati and van Rijsbergen's
    /// inverse expected document frequency, Bernoulli after-effect, normalisation 2, Xapian's
    /// c = 1). It has one parameter, at its standard value, where BM25's two had to be chosen;
    /// BENCHMARKS.md has every Xapian scheme measured on the judged sets and the bench corpus.
    static let ranking = WeightingScheme.ineb2

    /// Sets the weighting the request asks for: Passim's, unless it is measuring another
    /// scheme or BM25 parameters.
    static func weigh(_ request: SearchParameters, into options: inout XapianSearchOptions) {
        options.bm25 = request.bm25.map { BM25Parameters(k1: $0.k1, b: $0.b) }
        options.scheme = request.scheme ?? (request.bm25 == nil ? ranking : .bm25)
    }

    /// The `check_at_least` that makes Xapian score every match: the number of passages.
    ///
    /// With less, Xapian 1.4's matcher starts pruning once it holds `limit` hits, and an OR
    /// that turns into an AND while it prunes can skip a document its other side has already
    /// reached: a true top hit goes missing (`XapianQuery.mayPruneInexactly` says which queries
    /// can). Scoring everything costs time (BENCHMARKS.md) but makes every page of results
    /// exact, and makes `estimatedTotal` the exact number of matches.
    static func exhaustiveMatching(_ database: XapianDatabase) throws -> UInt32 {
        UInt32(clamping: try database.documentCount())
    }

    /// The query with each unknown word replaced by Xapian's spelling suggestion, when there
    /// is one close enough to it (``SpellingDistance``).
    private func correction(of parsed: ParsedQuery) throws(SearchError) -> String? {
        var replacements: [(range: Range<Int>, text: String)] = []
        do {
            for plain in parsed.plainWords where !plain.isExcluded {
                let term = analyzer.normalize(plain.word.text)
                guard !term.isEmpty, try !isKnown(term),
                    let suggestion = try database.spellingSuggestion(term), suggestion != term,
                    SpellingDistance.isClose(term, suggestion), try isKnown(suggestion)
                else { continue }
                replacements.append((plain.word.range, suggestion))
            }
        } catch {
            throw .index(IndexError.from(error, path: layout.directory))
        }
        guard !replacements.isEmpty else { return nil }
        return parsed.replacing(replacements)
    }

    /// Whether the index has `term` in any field: as a number or CJK word, or (through the
    /// body's ranking space, where titles and headings are boosted in) as a word's stem.
    private func isKnown(_ term: String) throws(XapianError) -> Bool {
        if try database.termFrequency(term) > 0 { return true }
        return try database.termFrequency(Schema.stemTerm(analyzer.stem(term), field: .body)) > 0
    }

    /// The stored record of article `id` (cached until the next refresh).
    func articleRecord(_ id: String) throws -> ArticleRecord {
        if let cached = articles[id] { return cached }
        let bytes = try database.metadata(IndexMetadata.articleKey(id))
        guard !bytes.isEmpty else {
            throw IndexError(.documentNotFound, "article \(id) is not in the index")
        }
        let record = try ArticleRecord.decode(bytes)
        articles[id] = record
        return record
    }

    func guarded<T>(_ body: () throws(XapianError) -> T) throws(IndexError) -> T {
        do {
            return try body()
        } catch {
            throw IndexError.from(error, path: layout.directory)
        }
    }
}
