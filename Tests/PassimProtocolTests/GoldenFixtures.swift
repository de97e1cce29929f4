import PassimProtocol

/// Example values for every message, one golden file each. The same examples appear in
/// PROTOCOL.md.
enum GoldenFixtures {
    static let article = ArticleSummary(
        id: "000_c0039b83ab477ca1", title: "Stem Cells for Acne Scars Explained",
        path: "/home/ana/passim/corpus/000_c0039b83ab477ca1.txt",
        sources: ["https://example.org/stem-cells-acne"])

    static let passage2 = PassageRecord(
        passage: PassageInfo(
            id: "000_c0039b83ab477ca1#2", ordinal: 2, section: nil,
            text: "Acne scars form when pimples damage deep layers of skin."),
        location: TextRange(start: 36, end: 92, startLine: 2, startColumn: 1, endLine: 2, endColumn: 57))

    static let passage1 = PassageRecord(
        passage: PassageInfo(
            id: "000_c0039b83ab477ca1#1", ordinal: 1, section: nil, text: "Stem Cells for Acne Scars Explained"),
        location: TextRange(start: 0, end: 35, startLine: 1, startColumn: 1, endLine: 1, endColumn: 36))

    static let passage3 = PassageRecord(
        passage: PassageInfo(
            id: "000_c0039b83ab477ca1#3", ordinal: 3, section: "How it works",
            text: "Stem cells rebuild the body’s damaged tissue."),
        location: TextRange(start: 106, end: 153, startLine: 5, startColumn: 1, endLine: 5, endColumn: 48))

    static let searchResult = SearchResult(
        query: "acne scars", estimatedTotal: 14, correctedQuery: nil,
        hits: [
            SearchHit(
                rank: 1, score: 7.25, article: article, passage: passage2.passage, location: passage2.location,
                highlights: [
                    Highlight(start: 0, end: 4, line: 2, column: 1, endLine: 2, endColumn: 5),
                    Highlight(start: 5, end: 10, line: 2, column: 6, endLine: 2, endColumn: 11),
                ])
        ])

    static let indexInfo = IndexInfo(
        path: "/home/ana/passim/index", revision: 42, articles: 5, passages: 212,
        roots: [
            IndexRoot(path: "/home/ana/passim/corpus", label: "", kind: .folder),
            IndexRoot(path: "/home/ana/notes", label: "notes", kind: .folder),
        ])
    static let shardedIndexInfo = IndexInfo(
        path: "/srv/passim/index", revision: 7, articles: 120_000, passages: 1_880_000,
        roots: [IndexRoot(path: "/srv/passim/corpus", label: "", kind: .folder)],
        shards: [
            ShardInfo(location: "shards/0", state: .ok, passages: 940_000, revision: 7),
            ShardInfo(location: "remote 10.0.0.12:3301", state: .ok, passages: 940_000),
            ShardInfo(
                location: "remote 10.0.0.13:3301", state: .unreachable,
                problem: "NetworkError: Couldn't connect (Connection refused)"),
        ])
    static let serverInfo = ServerInfo(name: "passim", version: "0.1.0")

    /// A `stats` result for `index`, watched as `watching` says.
    static func stats(of index: IndexInfo, watching: WatchInfo) -> StatsResult {
        StatsResult(
            serverInfo: serverInfo, protocolVersion: .current, index: index, uptimeSeconds: 3600.5,
            connections: ConnectionCounts(open: 2, total: 17),
            queries: QueryCounts(total: 1200, failed: 3, cancelled: 4, deadlineExceeded: 1),
            latencyMs: LatencyPercentiles(p50: 1.25, p90: 3.5, p99: 12.75, samples: 1000), watching: watching)
    }

    /// A local index watched with inotify, and its corpus.
    static let watchedLocally = WatchInfo(
        index: IndexWatch(mode: .inotify, intervalMs: 10_000), corpus: CorpusWatch(roots: 2, folders: 14))
    /// An index with remote shards, polled, and no corpus watcher (`--no-watch`).
    static let polledRemotely = WatchInfo(index: IndexWatch(mode: .polling, reason: "remote shards", intervalMs: 250))

    static let all: [GoldenCase] = requests + responses + notifications + errors

    static let requests: [GoldenCase] = [
        .request(
            "initialize", id: 1,
            InitializeRequest(
                clientInfo: ClientInfo(name: "vim", version: "9.1"),
                capabilities: ClientCapabilities(
                    general: .init(positionEncodings: ["utf-32", "utf-16"]),
                    notifications: .init(indexDidChange: true)))),
        .request("initialize.empty", id: 1, InitializeRequest()),
        .request(
            "search", id: 2, SearchRequest(query: "acne scars", limit: 5, offset: 0, perArticle: 1, deadlineMs: 500)),
        .request("search.minimal", id: "s-1", SearchRequest(query: "growth NEAR/5 collagen")),
        .request("search.explain", id: 17, SearchRequest(query: "svf scars", limit: 1, explain: true)),
        .request("search.facets", id: 18, SearchRequest(query: "acne scars", limit: 1, facets: true)),
        .request("passage-get", id: 3, PassageGetRequest(id: "000_c0039b83ab477ca1#2", context: 1)),
        .request("article-get", id: 4, ArticleGetRequest(id: "000_c0039b83ab477ca1", includePassages: true)),
        .request("suggest", id: 5, SuggestRequest(prefix: "plate", limit: 3)),
        .request("stats", id: 6, StatsRequest()),
        .request("ping", id: 7, PingRequest()),
        .request("shutdown", id: 8, ShutdownRequest()),
        .request(
            "ingest", id: 9,
            IngestRequest(paths: ["/home/ana/passim/corpus"], prune: true, workDoneToken: "ingest-1")),
        .request(
            "ingest.limit", id: 11, IngestRequest(paths: ["/home/ana/passim/dumps"], maxFileBytes: 268_435_456)),
        .request(
            "ingest.text", id: 10, IngestRequest(text: "Draft\nPlatelet-rich plasma...\n", name: "notes/draft.md")),
    ]

    static let responses: [GoldenCase] = [
        .response(
            "initialize", id: 1,
            InitializeResult(
                serverInfo: serverInfo, positionEncoding: .utf32,
                capabilities: ServerCapabilities(
                    methods: MessageRegistry.server.requestMethods,
                    notifications: MessageRegistry.client.notificationMethods,
                    maxMessageBytes: RequestLimits.defaultMaxMessageBytes),
                index: indexInfo)),
        .response("search", id: 2, searchResult),
        .response(
            "search.stale", id: 13,
            SearchResult(
                query: "acne scars", estimatedTotal: 1,
                hits: [
                    SearchHit(
                        rank: 1, score: 7.25, article: article, passage: passage2.passage, location: passage2.location,
                        highlights: [Highlight(start: 0, end: 4, line: 2, column: 1, endLine: 2, endColumn: 5)],
                        stale: true)
                ])),
        .response(
            "search.titled", id: 16,
            SearchResult(
                query: "scars rebuild", estimatedTotal: 2,
                hits: [
                    SearchHit(
                        rank: 1, score: 6.5, article: article, passage: passage3.passage, location: passage3.location,
                        highlights: [Highlight(start: 11, end: 18, line: 5, column: 12, endLine: 5, endColumn: 19)],
                        titleHighlights: [Span(start: 20, end: 25)]),
                    SearchHit(
                        rank: 2, score: 3.25,
                        article: ArticleSummary(
                            id: "notes/scars", title: "Notes", path: "/home/ana/notes/scars.txt", sources: []),
                        passage: PassageInfo(
                            id: "notes/scars#4", ordinal: 4, section: "Scars and sun", text: "Cover them in summer."),
                        location: TextRange(
                            start: 310, end: 331, startLine: 12, startColumn: 1, endLine: 12, endColumn: 22),
                        highlights: [], sectionHighlights: [Span(start: 0, end: 5)]),
                ])),
        .response(
            "search.explain", id: 17,
            SearchResult(
                query: "svf scars", estimatedTotal: 9,
                hits: [
                    SearchHit(
                        rank: 1, score: 6.125, article: article, passage: passage2.passage, location: passage2.location,
                        highlights: [Highlight(start: 5, end: 10, line: 2, column: 6, endLine: 2, endColumn: 11)],
                        titleHighlights: [Span(start: 20, end: 25)],
                        explanation: [
                            ScoreContribution(
                                kind: "word", query: "svf", weight: 0, synonyms: ["stromal vascular fraction"],
                                occurrences: WordOccurrences(text: 0, heading: 0, title: 0)),
                            ScoreContribution(
                                kind: "word", query: "scars", weight: 6.125,
                                occurrences: WordOccurrences(text: 1, heading: 0, title: 1)),
                            ScoreContribution(kind: "wordsTogether", query: "svf scars", weight: 0),
                        ])
                ])),
        .response(
            "search.facets", id: 18,
            SearchResult(
                query: "acne scars", estimatedTotal: 14, hits: searchResult.hits,
                facets: Facets(
                    articles: [
                        ArticleFacet(
                            id: article.id, title: article.title, path: article.path, count: 9),
                        ArticleFacet(
                            id: "notes/scars", title: "Notes", path: "/home/ana/notes/scars.txt", count: 5),
                    ],
                    sources: [SourceFacet(domain: "example.org", count: 9)]))),
        .response(
            "search.lenient", id: 15,
            SearchResult(
                query: "collagen AND", estimatedTotal: 1,
                hits: [
                    SearchHit(
                        rank: 1, score: 2.5, article: article, passage: passage2.passage, location: passage2.location,
                        highlights: [])
                ],
                readAsText: [ReadAsText(offset: 9, text: "AND", reason: "it has nothing to join on one side")])),
        .response(
            "search.markdown", id: 14,
            SearchResult(
                query: "collagen", estimatedTotal: 1,
                hits: [
                    SearchHit(
                        rank: 1, score: 3.5,
                        article: ArticleSummary(
                            id: "notes/skin", title: "Collagen and the skin", path: "/home/ana/notes/skin.md",
                            sources: [], format: "markdown"),
                        passage: PassageInfo(
                            id: "notes/skin#1", ordinal: 1, section: nil,
                            text: "Collagen is the main structural protein of the dermis."),
                        location: TextRange(
                            start: 40, end: 102, startLine: 5, startColumn: 1, endLine: 5, endColumn: 63),
                        highlights: [Highlight(start: 0, end: 8, line: 5, column: 1, endLine: 5, endColumn: 9)])
                ])),
        .response(
            "passage-get", id: 3,
            PassageGetResult(article: article, passage: passage2, before: [passage1], after: [passage3])),
        .response(
            "article-get", id: 4,
            ArticleGetResult(article: article, passageCount: 3, passages: [passage1, passage2, passage3])),
        .response(
            "suggest", id: 5,
            SuggestResult(
                prefix: "plate",
                completions: [
                    Completion(term: "platelet", frequency: 31), Completion(term: "platelets", frequency: 12),
                    Completion(term: "plateau", frequency: 2),
                ])),
        .response("stats", id: 6, stats(of: indexInfo, watching: watchedLocally)),
        .response("stats.sharded", id: 6, stats(of: shardedIndexInfo, watching: polledRemotely)),
        .response("ping", id: 7, EmptyResponse()),
        .response("shutdown", id: 8, VoidResponse()),
        .response(
            "ingest", id: 9,
            IngestResult(
                added: 1, updated: 2, unchanged: 40, removed: 1, failed: 1,
                failures: [
                    IngestFailure(
                        path: "/home/ana/passim/corpus/scan.txt",
                        message: "not valid UTF-8 at byte 1042; convert the file to UTF-8")
                ],
                revision: 43)),
        .response(
            "ingest.skipped", id: 12,
            IngestResult(
                added: 3, updated: 0, unchanged: 0, removed: 0, failed: 0, failures: [], revision: 44,
                skipped: [
                    IngestSkipped(path: "/home/ana/passim/corpus/paper.pdf", reason: .unsupportedType),
                    IngestSkipped(path: "/home/ana/passim/corpus/README.md", reason: .readme),
                    IngestSkipped(path: "/home/ana/passim/corpus/drafts", reason: .ignored),
                ])),
    ]

    static let notifications: [GoldenCase] = [
        .notification("cancelRequest", CancelRequestNotification(id: 2), registry: .server),
        .notification(
            "index-didChange",
            IndexDidChangeNotification(revision: 43, added: ["notes/draft"], updated: [], removed: ["old/article"]),
            registry: .client),
        .notification(
            "progress.begin",
            ProgressNotification(token: "ingest-1", value: ProgressValue(kind: .begin, title: "Ingesting", total: 44)),
            registry: .client),
        .notification(
            "progress.report",
            ProgressNotification(
                token: "ingest-1",
                value: ProgressValue(kind: .report, message: "corpus/001_703ab0bc430d4bad.txt", done: 2, total: 44)),
            registry: .client),
        .notification(
            "progress.end",
            ProgressNotification(
                token: "ingest-1", value: ProgressValue(kind: .end, message: "44 files", done: 44, total: 44)),
            registry: .client),
    ]

    static let errors: [GoldenCase] = [
        .error(.parseError("the message is not valid JSON (17 bytes)"), id: nil),
        .error(.invalidRequest("`jsonrpc` must be \"2.0\", found \"1.0\""), id: 1),
        .error(.methodNotFound("serach"), id: 2),
        .error(.invalidParams(method: "search", "`limit` must be an integer from 1 to 1000, found 0"), id: 2),
        .error(.internalError("the searcher pool stopped"), id: 2),
        .error(
            .querySyntax(
                "Query syntax error at offset 11: expected a word or a phrase after `AND`", offset: 11,
                expected: ["a word", "a phrase"]),
            id: 2),
        .error(.indexUnavailable("no index at /home/ana/passim/index: run `passim ingest` to build it"), id: 2),
        .error(.requestTooLarge(size: 10_485_760, limit: RequestLimits.defaultMaxMessageBytes), id: 2),
        .error(.deadlineExceeded(deadlineMs: 500), id: 2),
        .error(.writerBusy(), id: 9),
        .error(.notFound(.passage, id: "000_c0039b83ab477ca1#99"), id: 3),
        .error(.serverShuttingDown(), id: 2),
        .error(.tooManyConnections(limit: 9), id: nil),
        .error(.requestCancelled(), id: 2),
    ]
}
