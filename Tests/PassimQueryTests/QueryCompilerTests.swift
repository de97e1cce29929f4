import PassimAnalysis
import PassimQuery
import PassimXapian
import Testing

/// Query string -> Xapian's description of the compiled query (real Analyzer, fixture synonyms).
private let compileCases: [(query: String, xapian: String)] = [
    // Ranked bare words: Z + stem, stop words left out unless nothing else is left.
    ("stem cells", "Query((Zstem@1 OR Zcell@2 OR (Zstem@1 PHRASE 2 Zcell@2)))"),
    ("Cells", "Query(Zcell@1)"),
    ("Straße", "Query(Zstrass@1)"),
    ("body’s fat", "Query((Zbodi@1 OR Zfat@2 OR (Zbodi@1 PHRASE 2 Zfat@2)))"),
    ("2.18.0", "Query(2.18.0@1)"),
    ("the stem cells", "Query((Zstem@2 OR Zcell@3 OR (Zthe@1 PHRASE 3 Zstem@2 PHRASE 3 Zcell@3)))"),
    ("the who", "Query((Zthe@1 OR Zwho@2 OR (Zthe@1 PHRASE 2 Zwho@2)))"),
    ("+the cells", "Query(((Zthe@1 AND_MAYBE Zcell@2) AND_MAYBE (Zthe@1 PHRASE 2 Zcell@2)))"),
    ("the -cells", "Query((Zthe@1 AND_NOT Zcell@2))"),
    ("&&&", "Query()"),
    // Juxtaposed words also rank their phrase (stop words included), never matching alone.
    ("+stem +cells", "Query(((Zstem@1 AND Zcell@2) AND_MAYBE (Zstem@1 PHRASE 2 Zcell@2)))"),
    ("stem cells -acne", "Query((((Zstem@1 OR Zcell@2) AND_NOT Zacn@3) AND_MAYBE (Zstem@1 PHRASE 2 Zcell@2)))"),
    (
        "\"fat graft\" the of",
        "Query(((Zfat@1 PHRASE 2 Zgraft@2) OR ((Zfat@1 AND Zgraft@2) FILTER (ZSfat@1 PHRASE 2 ZSgraft@2))"
            + " OR ((Zfat@1 AND Zgraft@2) FILTER (ZXSfat@1 PHRASE 2 ZXSgraft@2))))"
    ),
    ("stem \"fat\" cells", "Query((Zstem@1 OR Zfat@2 OR Zcell@3))"),
    ("title:(stem cells)", "Query(((ZSstem@1 OR ZScell@2) AND_MAYBE (ZSstem@1 PHRASE 2 ZScell@2)))"),
    // Required, excluded, boolean operators.
    ("stem -cells", "Query((Zstem@1 AND_NOT Zcell@2))"),
    ("-cells", "Query((<alldocuments> AND_NOT Zcell@1))"),
    ("+stem cells -acne", "Query((((Zstem@1 AND_MAYBE Zcell@2) AND_NOT Zacn@3) AND_MAYBE (Zstem@1 PHRASE 2 Zcell@2)))"),
    ("stem AND cells", "Query((Zstem@1 AND Zcell@2))"),
    ("stem OR cells", "Query((Zstem@1 OR Zcell@2))"),
    ("stem NOT (acne OR scar)", "Query((Zstem@1 AND_NOT (Zacn@2 OR Zscar@3)))"),
    // Phrases and split words: positional raw terms, stop words kept.
    (
        "\"stem cells\"",
        "Query(((Zstem@1 PHRASE 2 Zcell@2) OR ((Zstem@1 AND Zcell@2) FILTER (ZSstem@1 PHRASE 2 ZScell@2))"
            + " OR ((Zstem@1 AND Zcell@2) FILTER (ZXSstem@1 PHRASE 2 ZXScell@2))))"
    ),
    (
        "\"the stem\"",
        "Query(((Zthe@1 PHRASE 2 Zstem@2) OR ((Zthe@1 AND Zstem@2) FILTER (ZSthe@1 PHRASE 2 ZSstem@2))"
            + " OR ((Zthe@1 AND Zstem@2) FILTER (ZXSthe@1 PHRASE 2 ZXSstem@2))))"
    ),
    ("\"stem\"", "Query(Zstem@1)"),
    ("cell-derived", "Query((Zcell@1 OR Zderiv@2 OR (Zcell@1 PHRASE 2 Zderiv@2)))"),
    ("cell–derived", "Query((Zcell@1 OR Zderiv@2 OR (Zcell@1 PHRASE 2 Zderiv@2)))"),
    ("+cell-derived", "Query(((Zcell@1 AND Zderiv@2) AND_MAYBE (Zcell@1 PHRASE 2 Zderiv@2)))"),
    ("state-of-the-art", "Query((Zstate@1 OR Zart@4 OR (Zstate@1 PHRASE 4 Zof@2 PHRASE 4 Zthe@3 PHRASE 4 Zart@4)))"),
    // In a run of words a split word is its words, as if typed with spaces: the run's bonus
    // places them (the next two are the same query); a part that cannot stand alone is only in
    // that bonus; a word outside any run keeps its phrase as its own bonus.
    ("shock-sound wave", "Query(((Zshock@1 OR Zsound@2) OR Zwave@3 OR (Zshock@1 PHRASE 3 Zsound@2 PHRASE 3 Zwave@3)))"),
    ("shock sound wave", "Query((Zshock@1 OR Zsound@2 OR Zwave@3 OR (Zshock@1 PHRASE 3 Zsound@2 PHRASE 3 Zwave@3)))"),
    ("x-ray beam", "Query((Zray@2 OR Zbeam@3 OR (Zx@1 PHRASE 3 Zray@2 PHRASE 3 Zbeam@3)))"),
    ("x-ray", "Query((Zray@2 OR (Zx@1 PHRASE 2 Zray@2)))"),
    ("e.g.", "Query((Ze@1 PHRASE 2 Zg@2))"),
    ("cell-derived AND growth", "Query(((Zcell@1 OR Zderiv@2 OR (Zcell@1 PHRASE 2 Zderiv@2)) AND Zgrowth@3))"),
    ("cell-derived -acne", "Query((((Zcell@1 OR Zderiv@2) AND_NOT Zacn@3) AND_MAYBE (Zcell@1 PHRASE 2 Zderiv@2)))"),
    // NEAR/n: window n + terms - 1; like a phrase, in the text, the title or the heading.
    (
        "fat NEAR/3 graft",
        "Query(((Zfat@1 NEAR 4 Zgraft@2) OR ((Zfat@1 AND Zgraft@2) FILTER (ZSfat@1 NEAR 4 ZSgraft@2))"
            + " OR ((Zfat@1 AND Zgraft@2) FILTER (ZXSfat@1 NEAR 4 ZXSgraft@2))))"
    ),
    (
        "fat NEAR/3 graft NEAR/2 survival",
        "Query(((Zfat@1 NEAR 5 Zgraft@2 NEAR 5 Zsurviv@3)"
            + " OR ((Zfat@1 AND Zgraft@2 AND Zsurviv@3) FILTER (ZSfat@1 NEAR 5 ZSgraft@2 NEAR 5 ZSsurviv@3))"
            + " OR ((Zfat@1 AND Zgraft@2 AND Zsurviv@3) FILTER (ZXSfat@1 NEAR 5 ZXSgraft@2 NEAR 5 ZXSsurviv@3))))"
    ),
    ("title:(fat NEAR/3 graft)", "Query((ZSfat@1 NEAR 4 ZSgraft@2))"),
    // Wildcards over normalized prefixes.
    ("graft*", "Query((Zgraft SYNONYM WILDCARD SYNONYM graft))"),
    ("Graft*", "Query((Zgraft SYNONYM WILDCARD SYNONYM graft))"),
    ("cell-deriv*", "Query((Zcell@1 AND (Zderiv SYNONYM WILDCARD SYNONYM deriv)))"),
    // Text fields.
    ("title:stem", "Query(ZSstem@1)"),
    ("title:\"stem cells\"", "Query((ZSstem@1 PHRASE 2 ZScell@2))"),
    ("section:(stem OR cells)", "Query((ZXSstem@1 OR ZXScell@2))"),
    ("title:graft*", "Query((ZSgraft SYNONYM WILDCARD SYNONYM Sgraft))"),
    // Boolean filters.
    ("article:notes/prp.md", "Query((<alldocuments> FILTER XAnotes/prp.md))"),
    ("source:www.NIH.gov", "Query((<alldocuments> FILTER XDnih.gov))"),
    ("source:nih.gov stem", "Query((Zstem@1 FILTER XDnih.gov))"),
    ("article:a stem cells", "Query((((Zstem@1 OR Zcell@2) FILTER XAa) AND_MAYBE (Zstem@1 PHRASE 2 Zcell@2)))"),
    ("source:nih.gov source:who.int stem", "Query((Zstem@1 FILTER (XDnih.gov OR XDwho.int)))"),
    ("article:a source:nih.gov", "Query((<alldocuments> FILTER (XAa AND XDnih.gov)))"),
    ("-source:nih.gov stem", "Query((Zstem@1 AND_NOT XDnih.gov))"),
    ("source:nih.gov OR stem", "Query((0 * XDnih.gov OR Zstem@1))"),
    ("stem AND source:nih.gov", "Query((Zstem@1 FILTER XDnih.gov))"),
    ("source:nih.gov NOT stem", "Query((<alldocuments> FILTER (XDnih.gov AND_NOT Zstem@1)))"),
    // CJK: raw terms plus bigram phrases.
    ("血小板", "Query((血小板@1 OR (XB血小@1 PHRASE 2 XB小板@2)))"),
    ("小板", "Query((小板@1 OR XB小板@1))"),
    (
        "血小板研究",
        "Query(((血小板@1 PHRASE 2 研究@2) OR (XB血小@1 PHRASE 4 XB小板@2 PHRASE 4 XB板研@3 PHRASE 4 XB研究@4)))"
    ),
    (
        "\"血小板 研究\"",
        "Query((((血小板@1 PHRASE 2 研究@2) OR (XB血小@1 PHRASE 4 XB小板@2 PHRASE 4 XB研究@4))"
            + " OR ((血小板@1 AND 研究@2) FILTER ((S血小板@1 PHRASE 2 S研究@2) OR (XBS血小@1 PHRASE 4 XBS小板@2 PHRASE 4 XBS研究@4)))"
            + " OR ((血小板@1 AND 研究@2) FILTER ((XS血小板@1 PHRASE 2 XS研究@2) OR (XBXS血小@1 PHRASE 4 XBXS小板@2 PHRASE 4 XBXS研究@4)))))"
    ),
    ("血小板研*", "Query(((血小板@1 OR (XB血小@1 PHRASE 2 XB小板@2)) AND WILDCARD SYNONYM 研))"),
    // Synonyms of single words and of word n-grams.
    ("svf", "Query((Zsvf@1 SYNONYM (Zstromal@1 PHRASE 3 Zvascular@2 PHRASE 3 Zfraction@3)))"),
    ("+svf", "Query((Zsvf@1 SYNONYM (Zstromal@1 PHRASE 3 Zvascular@2 PHRASE 3 Zfraction@3)))"),
    ("title:svf", "Query((ZSsvf@1 SYNONYM (ZSstromal@1 PHRASE 3 ZSvascular@2 PHRASE 3 ZSfraction@3)))"),
    ("\"svf\"", "Query(Zsvf@1)"),
    (
        "svf injection",
        "Query(((Zsvf@1 SYNONYM (Zstromal@1 PHRASE 3 Zvascular@2 PHRASE 3 Zfraction@3)) OR Zinject@2"
            + " OR (Zsvf@1 PHRASE 2 Zinject@2)))"
    ),
    (
        "stromal vascular fraction",
        "Query((Zstromal@1 OR Zvascular@2 OR Zfraction@3"
            + " OR ((Zstromal@1 AND Zvascular@2 AND Zfraction@3) SYNONYM Zsvf@1) OR (Zstromal@1 PHRASE 3 Zvascular@2 PHRASE 3 Zfraction@3)))"
    ),
    (
        "stromal vascular fraction injection",
        "Query((Zstromal@1 OR Zvascular@2 OR Zfraction@3 OR ((Zstromal@1 AND Zvascular@2 AND Zfraction@3) SYNONYM Zsvf@1)"
            + " OR Zinject@4 OR (Zstromal@1 PHRASE 4 Zvascular@2 PHRASE 4 Zfraction@3 PHRASE 4 Zinject@4)))"
    ),
    (
        "platelet-rich plasma",
        "Query(((Zplatelet@1 OR Zrich@2) OR Zplasma@3"
            + " OR (((Zplatelet@1 AND Zrich@2) AND Zplasma@3) SYNONYM Zprp@1) OR (Zplatelet@1 PHRASE 3 Zrich@2 PHRASE 3 Zplasma@3)))"
    ),
    (
        "quality of life",
        "Query((Zqualiti@1 OR Zlife@3"
            + " OR ((Zqualiti@1 AND Zof@2 AND Zlife@3) SYNONYM Zqol@1) OR (Zqualiti@1 PHRASE 3 Zof@2 PHRASE 3 Zlife@3)))"
    ),
    ("mscs", "Query((Zmscs@1 SYNONYM (Zmesenchym@1 PHRASE 3 Zstem@2 PHRASE 3 Zcell@3) SYNONYM Zmsc@1))"),
]

@Suite struct QueryCompilerTests {
    let analyzer: Analyzer
    let parser = QueryParser()

    init() throws {
        analyzer = try Analyzer()
    }

    private func compile(_ query: String, lexicon: any QueryLexicon = FixtureLexicon()) throws
        -> CompiledQuery
    {
        try QueryCompiler(analyzer: analyzer, lexicon: lexicon).compile(parser.parse(query))
    }

    @Test(arguments: compileCases)
    func xapianDescription(query: String, xapian: String) throws {
        let actual = try compile(query).xapian.description
        #expect(actual == xapian, "actual: (\"\(query)\", \"\(actual)\")")
    }

    @Test func ignoredStopWordsAreReportedInQueryOrder() throws {
        #expect(try compile("the effect of PRP on a scar").ignoredStopWords == ["the", "of", "on", "a"])
        #expect(try compile("the who").ignoredStopWords.isEmpty)
    }

    @Test func nothingSearchableGivesAnEmptyQuery() throws {
        #expect(try compile("&& --").xapian.isEmpty)
        #expect(try compile("\"…\"").xapian.isEmpty)
        #expect(try !compile("stem").xapian.isEmpty)
    }

    @Test func lexiconIsAskedForNgramsOfAtMostFourWordsLongestFirst() throws {
        let lexicon = RecordingLexicon()
        _ = try compile("p q r s t", lexicon: lexicon)
        #expect(
            lexicon.keys == [
                "p q r s", "p q r", "p q", "p",
                "q r s t", "q r s", "q r", "q",
                "r s t", "r s", "r",
                "s t", "s",
                "t",
            ])
    }

    @Test func requiredAndExcludedWordsAreLookedUpOneByOne() throws {
        let lexicon = RecordingLexicon()
        _ = try compile("+stem cells -acne scars NOT fibrosis", lexicon: lexicon)
        #expect(lexicon.keys == ["stem", "cells", "acne", "scars", "fibrosis"])
    }

    @Test func lexiconErrorsReachTheCaller() throws {
        #expect(throws: XapianError.self) { try compile("svf", lexicon: FailingLexicon()) }
    }
}
