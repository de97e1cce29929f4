/// How analyzed text is stored in the Xapian index: term prefixes, value slots, field weights.
///
/// The indexer and the query compiler both build terms only through these functions, so the
/// two sides cannot drift apart. Each token is indexed once, with its positions, as the one
/// term that both ranks it and places it in phrases (P is the field prefix):
/// - stem term `Z + P + stem` for `.word` tokens,
/// - raw term `P + term` for numbers, kana and ideographs (not stemmed),
/// - bigram term `XB + P + bigram` (bigram positions),
/// - boolean terms `Q + passage id`, `XA + article id`, `XD + source domain`,
/// - value slot 0: the article id (collapse key).
public enum Schema {
    /// A text field of a passage.
    public enum Field: String, Sendable, CaseIterable, Codable {
        /// The passage text.
        case body
        /// The article title.
        case title
        /// The heading of the section the passage is in.
        case section

        /// The term prefix of the field: "" (body), "S" (title), "XS" (section).
        public var prefix: String {
            switch self {
            case .body: ""
            case .title: "S"
            case .section: "XS"
            }
        }

        /// The wdf increment of this field's tokens when also added to the body ranking space:
        /// 1 for body, 3 for title, 2 for section, so a bare word ranks title hits highest.
        public var bodyRankingWeight: UInt32 {
            switch self {
            case .body: 1
            case .title: Schema.titleWeight
            case .section: Schema.sectionWeight
            }
        }
    }

    /// The wdf increment of title tokens in the body ranking space.
    public static let titleWeight: UInt32 = 3
    /// The wdf increment of section tokens in the body ranking space.
    public static let sectionWeight: UInt32 = 2

    /// The prefix of stem terms (before the field prefix).
    public static let stemPrefix = "Z"
    /// The prefix of CJK bigram terms (before the field prefix).
    public static let bigramPrefix = "XB"
    /// The prefix of the unique passage id term.
    public static let passageIDPrefix = "Q"
    /// The prefix of the article id filter term.
    public static let articlePrefix = "XA"
    /// The prefix of the source domain filter term.
    public static let sourceDomainPrefix = "XD"
    /// The value slot that holds the article id, used to collapse hits per article.
    public static let articleSlot: UInt32 = 0
    /// Xapian's limit on the length of a term in bytes (prefix included).
    public static let maximumTermLength = 245

    /// The term a token is indexed and searched by, with its positions: the stem term for
    /// `.word` tokens (`stem` is called only for them), `P + term` for numbers, kana and
    /// ideographs, the bigram term for bigrams.
    ///
    /// Words are indexed by their stems only, as the peers index them: a phrase matches its
    /// words' inflections (`"fat grafts"` finds "fat graft"), and an index without a second,
    /// unstemmed term per word has half the postings to write, commit and merge.
    public static func term(for token: Token, field: Field, stem: (String) -> String) -> String {
        switch token.kind {
        case .word: stemTerm(stem(token.term), field: field)
        case .bigram: bigramTerm(token.term, field: field)
        case .number, .kana, .ideographic, .southeastAsian: field.prefix + token.term
        }
    }

    /// The stem term `Z + P + stem`.
    public static func stemTerm(_ stem: String, field: Field) -> String {
        stemPrefix + field.prefix + stem
    }

    /// The bigram term `XB + P + bigram`.
    public static func bigramTerm(_ bigram: String, field: Field) -> String {
        bigramPrefix + field.prefix + bigram
    }

    /// The unique id term of a passage: `Q + passage id`.
    public static func passageIDTerm(_ passageID: String) -> String {
        passageIDPrefix + passageID
    }

    /// The boolean filter term of an article: `XA + article id`.
    public static func articleTerm(_ articleID: String) -> String {
        articlePrefix + articleID
    }

    /// The boolean filter term of a source domain: `XD + domain`, lower-cased.
    public static func sourceDomainTerm(_ domain: String) -> String {
        sourceDomainPrefix + domain.lowercased()
    }
}
