import Testing

@testable import PassimArticles

/// Acronym definitions found in text (Schwartz–Hearst style), and look-alikes that are not.
@Suite struct AcronymTests {
    static let definitions: [(text: String, found: [String])] = [
        (
            "One common method uses stromal vascular fraction, or SVF, which is rich in stem cells.",
            ["SVF = stromal vascular fraction"]
        ),
        ("- Mesenchymal Stem Cells (MSCs): Derived from bone marrow.", ["MSCs = Mesenchymal Stem Cells"]),
        ("- Platelet-Rich Plasma (PRP) Therapy: While not technically stem cells.", ["PRP = Platelet-Rich Plasma"]),
        (
            "It also fuels issues like post-inflammatory hyperpigmentation (PIH).",
            ["PIH = post-inflammatory hyperpigmentation"]
        ),
        (
            "Treatments involving mesenchymal stem cells (MSCs) or stem cell-derived factors.",
            ["MSCs = mesenchymal stem cells"]
        ),
        ("Cells sit in the extracellular matrix (ECM) of the dermis.", ["ECM = extracellular matrix"]),
        ("It was cleared by the Food and Drug Administration (FDA) in 2020.", ["FDA = Food and Drug Administration"]),
        ("Doctors inject PRP (platelet-rich plasma) after microneedling.", ["PRP = platelet-rich plasma"]),
        ("Use stromal vascular fraction (SVF; see below) or fat grafts.", ["SVF = stromal vascular fraction"]),
        (
            "Both (MSCs) and PRP (platelet-rich plasma) appear; PRP (platelet-rich plasma) again.",
            ["PRP = platelet-rich plasma"]
        ),
        // Look-alikes that define nothing.
        ("- Atrophic (Depressed Scars): Includes ice-pick, boxcar, and rolling scars.", []),
        ("Collected from the patient’s own fat tissue (autologous stem cells).", []),
        ("Biocompatible materials (scaffolds) may be used to hold stem cells.", []),
        ("It delivers mesenchymal stem cells (MSC stem cells) from cord tissue.", []),
        ("Damage comes from sun exposure (UV) and from heat.", []),
        ("People were tired, or ILL, after the session.", []),
        ("The result (see Table 2) was clear.", []),
        ("Skin cells (SC) differ.", ["SC = Skin cells"]),
        ("Use a gentle cleanser (GC) daily, or SPF protection.", ["GC = gentle cleanser"]),
    ]

    @Test(arguments: definitions.indices)
    func finds(_ index: Int) {
        let row = Self.definitions[index]
        let found = AcronymFinder.definitions(in: row.text).map { "\($0.short) = \($0.long)" }
        #expect(found == row.found, "in: \(row.text)")
    }

    static let shortForms: [(token: String, isShortForm: Bool)] = [
        ("SVF", true), ("MSCs", true), ("PhD", true), ("UV", true), ("R&D", true),
        ("A", false), ("Scars", false), ("scaffolds", false), ("ABCDEFGHIJK", false), ("2FA", false),
    ]

    @Test(arguments: shortForms.indices)
    func shortFormShape(_ index: Int) {
        let row = Self.shortForms[index]
        #expect((AcronymFinder.shortForm(Substring(row.token)) != nil) == row.isShortForm, "\(row.token)")
    }

    @Test func corpusArticleLearnsItsAcronymsOnce() throws {
        let text = """
            Stem Cells Explained
            One common method uses stromal vascular fraction, or SVF, which is rich in stem cells.
            Studies show SVF injections improve scars; stromal vascular fraction, or SVF, is safe.
            """
        let article = try parseArticle(text)
        #expect(article.acronyms == [Acronym(short: "SVF", long: "stromal vascular fraction")])
    }
}
