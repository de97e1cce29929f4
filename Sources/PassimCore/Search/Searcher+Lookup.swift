import PassimAnalysis
import PassimArticles
import PassimXapian

/// Reads the daemon needs besides ranked search: passages by id with their neighbours, whole
/// articles, prefix completions, and counts. Each read retries like `search` when a concurrent
/// commit invalidates the reader.
extension Searcher {
    /// How many words and terms a completion scans at most, so a one-letter prefix stays cheap.
    static let completionScanLimit = 20_000

    /// The index's path, revision and counts as this searcher sees them.
    public func indexSummary() throws(IndexError) -> IndexSummary {
        try reading { () throws in
            let count = Int(String(decoding: try database.metadata(IndexMetadata.articleCountKey), as: UTF8.self)) ?? 0
            let roots = try CorpusRoots.decode(
                try database.metadata(CorpusRoots.metadataKey), directory: layout.directory)
            return IndexSummary(
                path: layout.directory, revision: try revisionDatabase.revision(), articles: count,
                passages: try database.documentCount(), roots: roots.all)
        }
    }

    /// Passage `id` with up to `context` neighbours on each side, in article order.
    ///
    /// Throws `.documentNotFound` when the article or passage is not in the index.
    public func passage(_ id: PassageID, context: Int) throws(IndexError) -> PassageContext {
        precondition(context >= 0, "context is validated by the protocol layer")
        return try reading { () throws in
            let article = try articleRecord(id.article)
            guard let passage = try storedPassage(PassageID(article: id.article, ordinal: id.ordinal)) else {
                throw IndexError(.documentNotFound, "passage \(id) is not in the index")
            }
            let first = max(1, id.ordinal - context)
            let last = min(article.passageCount, id.ordinal + context)
            var before: [Passage] = []
            var after: [Passage] = []
            for ordinal in first...max(first, last) where ordinal != id.ordinal {
                guard let neighbour = try storedPassage(PassageID(article: id.article, ordinal: ordinal)) else {
                    continue
                }
                if ordinal < id.ordinal { before.append(neighbour) } else { after.append(neighbour) }
            }
            return PassageContext(article: article, passage: passage, before: before, after: after)
        }
    }

    /// Article `id`'s metadata, and all its passages in order when `includePassages` is true.
    ///
    /// Throws `.documentNotFound` when the article is not in the index.
    public func article(_ id: String, includePassages: Bool) throws(IndexError) -> ArticleContents {
        try reading { () throws in
            let article = try articleRecord(id)
            guard includePassages else { return ArticleContents(article: article, passages: nil) }
            var passages: [Passage] = []
            for docid in try database.postings(Schema.articleTerm(id)) {
                passages.append(try PassageRecord.decode(try database.documentData(docid)).passage)
            }
            passages.sort { $0.ordinal < $1.ordinal }
            return ArticleContents(article: article, passages: passages)
        }
    }

    /// `text` without the spaces around it.
    private static func trimmingSpaces(_ text: String) -> String {
        var trimmed = Substring(text)
        while trimmed.first == " " { trimmed = trimmed.dropFirst() }
        while trimmed.last == " " { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    /// Indexed words starting with `prefix` (normalized like query words), most frequent first.
    ///
    /// Words come from the spelling table, the index's word list (words are indexed by their
    /// stems); numbers and CJK words, indexed as they are, from the terms.
    public func completions(of prefix: String, limit: Int) throws(IndexError) -> [WordCompletion] {
        let normalized = analyzer.normalize(Self.trimmingSpaces(prefix))
        guard !normalized.isEmpty, limit > 0 else { return [] }
        let candidates = try reading { () throws(XapianError) in
            let words = try database.spellingWords(prefix: normalized, max: Self.completionScanLimit).map {
                (term: $0.word, frequency: $0.frequency)
            }
            let terms = try database.allTerms(prefix: normalized, max: Self.completionScanLimit)
            // Field, stem and boolean terms start with an upper-case prefix; indexed words never do.
            return words + terms.filter { $0.term.first.map { !$0.isUppercase } ?? false }
        }
        let words = candidates.sorted { ($0.frequency, $1.term) > ($1.frequency, $0.term) }.prefix(limit)
        return words.map { WordCompletion(word: $0.term, frequency: $0.frequency) }
    }

    /// Every article record by id, to tell what a new revision changed.
    public func articleRecords() throws(IndexError) -> [String: ArticleRecord] {
        try reading { () throws in
            var versions: [String: ArticleRecord] = [:]
            for key in try database.metadataKeys(prefix: IndexMetadata.articlePrefix) {
                let bytes = try database.metadata(key)
                guard !bytes.isEmpty, let record = try? ArticleRecord.decode(bytes) else { continue }
                versions[record.id] = record
            }
            return versions
        }
    }

    /// The index's journal position as this searcher sees it: pass it to
    /// ``articleChanges(since:)`` after a later ``refresh()``.
    public func journalPosition() throws(IndexError) -> JournalPosition {
        try reading { () throws(XapianError) in
            ArticleJournal.position(try database.metadata(ArticleJournal.positionKey))
        }
    }

    /// The articles the commits after `position` added, updated and removed, as this
    /// searcher's revision sees them: work in proportion to the changes. Nil when the journal
    /// does not reach back to `position` (too old, or the index was rebuilt since): then
    /// compare ``articleRecords()`` instead.
    public func articleChanges(since position: JournalPosition) throws(IndexError) -> ArticleChanges? {
        try reading { () throws(XapianError) -> ArticleChanges? in
            let now = ArticleJournal.position(try database.metadata(ArticleJournal.positionKey))
            guard now.epoch == position.epoch, now.entry >= position.entry else { return nil }
            var changes: [String: ArticleJournal.Kind] = [:]
            for entry in stride(from: position.entry + 1, through: now.entry, by: 1) {
                let bytes = try database.metadata(ArticleJournal.entryKey(entry))
                guard !bytes.isEmpty, ArticleJournal.decode(bytes, into: &changes) else { return nil }
            }
            func ids(_ kind: ArticleJournal.Kind) -> [String] {
                changes.filter { $0.value == kind }.map(\.key).sorted()
            }
            return ArticleChanges(position: now, added: ids(.added), updated: ids(.updated), removed: ids(.removed))
        }
    }

    /// The stored passage with this id, or nil when there is none.
    private func storedPassage(_ id: PassageID) throws -> Passage? {
        guard let docid = try database.postings(Schema.passageIDTerm(id.description), max: 1).first else { return nil }
        return try PassageRecord.decode(try database.documentData(docid)).passage
    }
}
