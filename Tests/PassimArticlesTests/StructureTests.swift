import PassimArticles
import Testing

/// Headings, lists, tables, wrapped lines and boilerplate: text in, passages out.
@Suite struct StructureTests {
    static let headingsCases: [StructureCase] = [
        StructureCase(
            "plain heading names the section",
            "\(lead)\nFinal Thoughts\nStem cell therapy shows promise in supporting skin repair.",
            [leadPassage, "paragraph | Final Thoughts | Stem cell therapy shows promise in supporting skin repair."]),
        StructureCase(
            "question heading",
            "\(lead)\nWhat Is Stem Cell Therapy?\nIt is a treatment that uses regenerative cells to repair skin.",
            [
                leadPassage,
                "paragraph | What Is Stem Cell Therapy? | It is a treatment that uses regenerative cells to repair skin.",
            ]),
        StructureCase(
            "heading with a colon inside",
            "\(lead)\n\nConclusion: A New Era for Skin Restoration\n\nStem cell therapy provides an innovative approach to scars.",
            [
                leadPassage,
                "paragraph | Conclusion: A New Era for Skin Restoration | Stem cell therapy provides an innovative approach to scars.",
            ]),
        StructureCase(
            "numbered step heading after a lead-in sentence",
            "\(lead)\nThe therapy follows a multi-step process to rejuvenate the skin:\n1. Extraction of Stem Cells\nStem cells are collected from the patient's own fat tissue first.",
            [
                leadPassage,
                "paragraph | - | The therapy follows a multi-step process to rejuvenate the skin:",
                "paragraph | Extraction of Stem Cells | Stem cells are collected from the patient's own fat tissue first.",
            ]),
        StructureCase(
            "indented numbered headings over bullets",
            "\(lead)\n\n  1. Targeted Injections\n  • Solutions are injected directly into areas of scarring or pigmentation.\n  1. Topical Products\n  • Many skincare products use stem cell derived compounds like peptides.",
            [
                leadPassage,
                "list | Targeted Injections | • Solutions are injected directly into areas of scarring or pigmentation.",
                "list | Topical Products | • Many skincare products use stem cell derived compounds like peptides.",
            ]),
        StructureCase(
            "dash heading",
            "\(lead)\n- The Challenge of Treating Atopic Acne Scars\nAtopic acne scars result from a combination of inflammation and sensitivity.",
            [
                leadPassage,
                "paragraph | The Challenge of Treating Atopic Acne Scars | Atopic acne scars result from a combination of inflammation and sensitivity.",
            ]),
        StructureCase(
            "markdown heading",
            "\(lead)\n\n## Delivery Methods ##\n\nStem cells can be administered in several different ways today.",
            [
                leadPassage,
                "paragraph | Delivery Methods | Stem cells can be administered in several different ways today.",
            ]),
        StructureCase(
            "a lone sentence-case item after a lead-in is a one-item list",
            "\(lead)\nThe one thing to remember afterwards:\n- Wear sunscreen every morning\nThat is all there is to it, and it matters a lot.",
            [
                leadPassage,
                "list | - | The one thing to remember afterwards:\n- Wear sunscreen every morning",
                "paragraph | - | That is all there is to it, and it matters a lot.",
            ]),
        StructureCase(
            "short unpunctuated last line is not a heading (nothing follows): merged",
            "\(lead)\nThe End",
            ["paragraph | - | \(lead)\nThe End"]),
    ]

    static let listsCases: [StructureCase] = [
        StructureCase(
            "lead-in sentence joins the list, earlier sentences stay a paragraph",
            "\(lead)\nAcne scars form when deep inflammation damages the skin tissue. These scars can be:\n- Atrophic: ice-pick, boxcar and rolling scars.\n- Hypertrophic: raised scars from excess collagen.",
            [
                leadPassage,
                "paragraph | - | Acne scars form when deep inflammation damages the skin tissue.",
                "list | - | These scars can be:\n- Atrophic: ice-pick, boxcar and rolling scars.\n- Hypertrophic: raised scars from excess collagen.",
            ]),
        StructureCase(
            "blank lines between lead-in and indented bullets",
            "\(lead)\n\nThey may be more likely to:\n\n  • Replace injured or lost skin cells\n\n  • Calm inflammatory responses underlying damage\n\nThese actions work in unison to rebuild the skin.",
            [
                leadPassage,
                "list | - | They may be more likely to:\n\n  • Replace injured or lost skin cells\n\n  • Calm inflammatory responses underlying damage",
                "paragraph | - | These actions work in unison to rebuild the skin.",
            ]),
        StructureCase(
            "check marks, stars and 1) numbers",
            "\(lead)\nStem cells help:\n✔ Smooth out depressed scars.\n✔ Lighten hyperpigmented scars.\nSteps:\n1) Clean the skin well.\n2) Apply the serum evenly.\nNotes:\n* first note here is a long one\n* second note here",
            [
                leadPassage,
                "list | - | Stem cells help:\n✔ Smooth out depressed scars.\n✔ Lighten hyperpigmented scars.",
                "list | - | Steps:\n1) Clean the skin well.\n2) Apply the serum evenly.",
                "list | - | Notes:\n* first note here is a long one\n* second note here",
            ]),
        StructureCase(
            "wrapped list items continue (indented or lower case)",
            "\(lead)\nBenefits include:\n- Stimulates collagen and\n  elastin production over time.\n- Improves blood circulation across\nthe treated area.\nAfter the list comes a paragraph of plain text.",
            [
                leadPassage,
                "list | - | Benefits include:\n- Stimulates collagen and\n  elastin production over time.\n- Improves blood circulation across\nthe treated area.",
                "paragraph | - | After the list comes a paragraph of plain text.",
            ]),
        StructureCase(
            "a list without a lead-in",
            "\(lead)\n\n- Reduce inflammation in damaged skin\n- Improve blood circulation overall",
            [leadPassage, "list | - | - Reduce inflammation in damaged skin\n- Improve blood circulation overall"]),
        StructureCase(
            "a hyphen or number starting prose is not a marker",
            "\(lead)\n-5 degrees is cold for a treatment room, say the clinicians.\n2.5 million people were treated with this method last year.",
            [
                leadPassage,
                "paragraph | - | -5 degrees is cold for a treatment room, say the clinicians.",
                "paragraph | - | 2.5 million people were treated with this method last year.",
            ]),
    ]

    static let tablesCases: [StructureCase] = [
        StructureCase(
            "table with delimiter row is one passage",
            "\(lead)\nTreatment | Downtime |\n---|---|\nLaser Therapy | Moderate |\nChemical Peels | Low |\nStem cell therapy stands out because of its minimal downtime.",
            [
                leadPassage,
                "table | - | Treatment | Downtime |\n---|---|\nLaser Therapy | Moderate |\nChemical Peels | Low |",
                "paragraph | - | Stem cell therapy stands out because of its minimal downtime.",
            ]),
        StructureCase(
            "bordered table without delimiter row",
            "\(lead)\n| a | b |\n| c | d |",
            [leadPassage, "table | - | | a | b |\n| c | d |"]),
        StructureCase(
            "one pipe in prose is not a table",
            "\(lead)\nThe ratio A | B was measured twice in the study last year.",
            [leadPassage, "paragraph | - | The ratio A | B was measured twice in the study last year."]),
    ]

    static let wrappingCases: [StructureCase] = [
        StructureCase(
            "hard-wrapped paragraph continues on lower-case lines",
            "\(lead)\n\nStem cell therapy essentially takes advantage of the\nbody's natural ability to heal and regenerate\ndamaged tissue.\n\nA second paragraph follows after the blank line.",
            [
                leadPassage,
                "paragraph | - | Stem cell therapy essentially takes advantage of the\nbody's natural ability to heal and regenerate\ndamaged tissue.",
                "paragraph | - | A second paragraph follows after the blank line.",
            ]),
        StructureCase(
            "a long wrapped line continues on a capitalized line",
            "\(lead)\nThe treatment mostly relies on cells that are called\nMesenchymal stem cells, taken from fat or bone marrow.",
            [
                leadPassage,
                "paragraph | - | The treatment mostly relies on cells that are called\nMesenchymal stem cells, taken from fat or bone marrow.",
            ]),
        StructureCase(
            "one paragraph per line: a finished sentence never continues",
            "\(lead)\nStem cells are special cells that act like builders.\nthey can make copies of themselves and heal the skin.",
            [
                leadPassage,
                "paragraph | - | Stem cells are special cells that act like builders.",
                "paragraph | - | they can make copies of themselves and heal the skin.",
            ]),
    ]

    static let boilerplateCases: [StructureCase] = [
        StructureCase(
            "page chrome lines are dropped",
            "\(lead)\nShare this:\nRead more »\n* * *\n-----\nRelated Posts\nThe article goes on with more text after the chrome.\n\nLeave a Reply",
            [leadPassage, "paragraph | - | The article goes on with more text after the chrome."]),
        StructureCase(
            "fragments never merge across boilerplate",
            "\(lead)\nShare this:\nShort line here.",
            [leadPassage, "paragraph | - | Short line here."]),
    ]

    @Test(arguments: headingsCases) func headings(_ row: StructureCase) throws { try check(row) }
    @Test(arguments: listsCases) func lists(_ row: StructureCase) throws { try check(row) }
    @Test(arguments: tablesCases) func tables(_ row: StructureCase) throws { try check(row) }
    @Test(arguments: wrappingCases) func wrapping(_ row: StructureCase) throws { try check(row) }
    @Test(arguments: boilerplateCases) func boilerplate(_ row: StructureCase) throws { try check(row) }

    private func check(_ row: StructureCase) throws {
        let article = try parseArticle(row.input)
        #expect(summaries(article) == row.passages)
    }
}
