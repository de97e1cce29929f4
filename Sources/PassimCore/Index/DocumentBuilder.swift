import PassimAnalysis
import PassimArticles
import PassimXapian

/// Turns an article's passages into Xapian documents following `Schema`.
///
/// Not thread safe: it owns an analyzer and a stem cache. One per writer.
final class DocumentBuilder {
    /// Xapian refuses terms longer than 245 bytes. Word terms never come near it (the analyzer
    /// drops tokens over `Analyzer.maximumTermLength`) and article ids are checked before an
    /// article is written (`IndexMetadata.idProblem`); what can still be longer is the domain
    /// term of an absurd source URL, which is left out (no one could type it as a filter).
    static let maximumTermBytes = Schema.maximumTermLength

    private let analyzer: Analyzer
    private let stems: StemCache

    init(analyzer: Analyzer) {
        self.analyzer = analyzer
        stems = StemCache(analyzer: analyzer, capacity: 200_000)
    }

    /// Words for Xapian's spelling table, with the number of the article's passages that
    /// contain each (in their text, title or heading).
    ///
    /// Words are indexed by their stems only, so the spelling table is the index's list of
    /// words: wildcards expand over it and `suggest` completes from it, most frequent first.
    /// Counting passages, not occurrences, keeps that order Xapian's document frequency.
    private(set) var spellingWords: [String: UInt32] = [:]

    /// Writes `article` into `database`: its passages, its acronyms as synonyms and its record.
    /// With `replacing`, the passages of an earlier version are deleted first. The article's
    /// spelling words are left in `spellingWords` for the caller to add with its batch.
    /// With `passages`, only those passages are written (a fresh build may spread a huge
    /// article over several blocks); the record and synonyms are the whole article's.
    func write(
        _ article: Article, passages: Range<Int>? = nil, into database: WritableXapianDatabase, replacing: Bool
    ) throws(XapianError) {
        try writePassages(of: article, passages: passages, into: database, replacing: replacing)
        for (key, synonym) in synonymPairs(for: article.acronyms) { try database.addSynonym(key, synonym) }
        try database.setMetadata(IndexMetadata.articleKey(article.id), ArticleRecord(article: article).encoded())
    }

    /// Writes `article`'s passages (or those in `passages`) into `database` as documents, and
    /// only them: a shard holds passages, its catalog the record and synonyms. With
    /// `replacing`, the passages of an earlier version are deleted first.
    func writePassages(
        of article: Article, passages: Range<Int>? = nil, into database: WritableXapianDatabase, replacing: Bool
    ) throws(XapianError) {
        if replacing {
            try database.deleteDocuments(withTerm: Schema.articleTerm(article.id))
        }
        // One document at a time: a huge article's documents all at once were most of its
        // peak memory. The caller's transaction (or unpublished fresh build) keeps it atomic.
        try forEachDocument(of: article, passages: passages) { (document) throws(XapianError) in
            try database.add(document)
        }
    }

    /// Builds one document per passage of `article`, handing each to `consume` in passage order;
    /// spelling words accumulate in `spellingWords`.
    func forEachDocument(
        of article: Article, passages: Range<Int>? = nil, _ consume: (XapianDocument) throws(XapianError) -> Void
    ) throws(XapianError) {
        spellingWords.removeAll(keepingCapacity: true)
        // A title derived from the first sentence is that passage's own words, not the
        // article's name: it ranks no passage (and `title:` does not find it).
        let title = article.titleIsDerived ? AnalyzedText() : analyzer.analyze(article.title)
        let titleWords = Self.spellingWords(of: title)
        let domains = SourceDomains.domains(of: article.sources)
        var sectionCache: (text: String, analyzed: AnalyzedText, words: Set<String>)?
        for passage in article.passages[passages ?? article.passages.indices] {
            let document = XapianDocument()
            let body = analyzer.analyze(passage.text)
            var words = Self.spellingWords(of: body).union(titleWords)
            try index(body, field: .body, into: document)
            try index(title, field: .title, into: document)
            try boost(title, by: Schema.titleWeight, into: document)
            if let section = passage.section {
                let cached: (text: String, analyzed: AnalyzedText, words: Set<String>)
                if let hit = sectionCache, hit.text == section {
                    cached = hit
                } else {
                    let analyzed = analyzer.analyze(section)
                    cached = (section, analyzed, Self.spellingWords(of: analyzed))
                    sectionCache = cached
                }
                words.formUnion(cached.words)
                try index(cached.analyzed, field: .section, into: document)
                try boost(cached.analyzed, by: Schema.sectionWeight, into: document)
            }
            for word in words { spellingWords[word, default: 0] += 1 }
            let passageID = PassageID(article: article.id, ordinal: passage.ordinal)
            try addBoolean(Schema.passageIDTerm(passageID.description), to: document)
            try addBoolean(Schema.articleTerm(article.id), to: document)
            for domain in domains {
                try addBoolean(Schema.sourceDomainTerm(domain), to: document)
            }
            try document.addValue(slot: Schema.articleSlot, article.id)
            try document.setData(PassageRecord(articleID: article.id, passage: passage).encoded())
            try consume(document)
        }
    }

    /// The spelling words the stored article `record` added to `database` when it was written,
    /// with their passage counts: what replacing or removing it must take back out of the
    /// spelling table. The same analysis of the same stored text gives the same words as
    /// `documents`.
    func storedSpellingWords(of record: ArticleRecord, in database: XapianDatabase) throws -> [String: UInt32] {
        let id = record.id
        let titleWords = record.titleIsDerived ? [] : Self.spellingWords(of: analyzer.analyze(record.title))
        var counts: [String: UInt32] = [:]
        var sectionCache: (text: String, words: Set<String>)?
        for document in try database.postings(Schema.articleTerm(id)) {
            let passage = try PassageRecord.decode(try database.documentData(document)).passage
            var words = Self.spellingWords(of: analyzer.analyze(passage.text)).union(titleWords)
            if let section = passage.section {
                if sectionCache?.text != section {
                    sectionCache = (section, Self.spellingWords(of: analyzer.analyze(section)))
                }
                words.formUnion(sectionCache?.words ?? [])
            }
            for word in words { counts[word, default: 0] += 1 }
        }
        return counts
    }

    /// Takes the spelling words of the stored article `record` (in `database`, the index at
    /// `path`) out of `spelling`: what replacing or removing it must count down.
    func takeBackSpelling(
        of record: ArticleRecord, in database: WritableXapianDatabase, path: String,
        from spelling: inout [String: Int64]
    ) throws(IndexError) {
        let words: [String: UInt32]
        do {
            words = try storedSpellingWords(of: record, in: database.readView())
        } catch {
            throw IndexError.mapping(
                error, path: path, context: "cannot read the stored passages of article \(record.id)")
        }
        for (word, count) in words { spelling[word, default: 0] -= Int64(count) }
    }

    /// The synonym entries an article's acronyms teach, both ways: keys and synonyms are
    /// normalized words joined by spaces.
    func synonymPairs(for acronyms: [Acronym]) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for acronym in acronyms {
            let short = normalizedPhrase(acronym.short)
            let long = normalizedPhrase(acronym.long)
            guard !short.isEmpty, !long.isEmpty, short != long else { continue }
            pairs.append((short, long))
            pairs.append((long, short))
        }
        return pairs
    }

    private func normalizedPhrase(_ text: String) -> String {
        analyzer.analyze(text).tokens.map(\.term).joined(separator: " ")
    }

    private func stem(_ term: String) -> String {
        stems.stem(term)
    }

    private func index(_ text: AnalyzedText, field: Schema.Field, into document: XapianDocument) throws(XapianError) {
        func add(_ token: Token) throws(XapianError) {
            let term = Schema.term(for: token, field: field, stem: stem)
            guard term.utf8.count <= Self.maximumTermBytes else { return }
            try document.addPosting(term, position: UInt32(token.position))
        }
        for token in text.tokens { try add(token) }
        for bigram in text.bigrams { try add(bigram) }
    }

    /// Adds title or section words to the body's ranking terms with a higher wdf, so a bare
    /// query word ranks passages under a matching title or heading first, with one posting
    /// list per query word.
    private func boost(_ text: AnalyzedText, by wdf: UInt32, into document: XapianDocument) throws(XapianError) {
        for token in text.tokens {
            let term = Schema.term(for: token, field: .body, stem: stem)
            guard term.utf8.count <= Self.maximumTermBytes else { continue }
            try document.addTerm(term, wdfIncrement: wdf)
        }
    }

    private func addBoolean(_ term: String, to document: XapianDocument) throws(XapianError) {
        guard term.utf8.count <= Self.maximumTermBytes else { return }
        try document.addBooleanTerm(term)
    }

    /// The words of `text` that go into the spelling table: letters, three bytes or more.
    private static func spellingWords(of text: AnalyzedText) -> Set<String> {
        var words: Set<String> = []
        for token in text.tokens where token.kind == .word && token.term.utf8.count >= 3 {
            words.insert(token.term)
        }
        return words
    }
}
