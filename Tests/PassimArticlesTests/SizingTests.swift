import PassimTestSupport
import Testing

@testable import PassimArticles

/// Long paragraphs split at sentence boundaries into balanced chunks; short fragments merge.
@Suite struct SizingTests {
    @Test func longParagraphSplitsIntoBalancedChunks() throws {
        // 20 sentences of 15 words = 300 words: 3 chunks of 6 or 7 sentences, never 8+8+4.
        let paragraph = (1...20).map { sentence($0, words: 15) }.joined(separator: " ")
        let article = try parseArticle(lead + "\n" + paragraph)
        let chunks = article.passages.dropFirst()
        let words = chunks.map { TextShape.wordCount($0.text) }
        #expect(words.count == 3)
        #expect(words.allSatisfy { $0 <= 120 && $0 >= 90 }, "unbalanced: \(words)")
        #expect(words.reduce(0, +) == 300)
        #expect(chunks.first?.text.hasPrefix("Sentence1 ") ?? false)
        #expect(chunks.last?.text.hasSuffix("word14.") ?? false)
        for chunk in chunks {
            #expect(chunk.text.hasPrefix("Sentence") && chunk.text.hasSuffix("."), "cut inside a sentence")
        }
    }

    @Test func aTrailingShortSentenceStaysWithItsParagraph() throws {
        // 125 + 5 words: splitting would leave a 5-word fragment, which merges back.
        let paragraph = sentence(1, words: 125) + " " + sentence(2, words: 5)
        let article = try parseArticle(lead + "\n" + paragraph)
        #expect(article.passages.count == 2)
        #expect(article.passages.last?.text == paragraph)
    }

    @Test func aSingleOverlongSentenceIsNotCut() throws {
        let paragraph = sentence(1, words: 150)
        let article = try parseArticle(lead + "\n" + paragraph)
        #expect(article.passages.map(\.text) == [lead, paragraph])
    }

    @Test func longListSplitsAtItemsWithTheLeadInFirst() throws {
        let items = (1...30).map { "- " + sentence($0, words: 10) }
        let text = lead + "\nThe full list of findings is:\n" + items.joined(separator: "\n")
        let article = try parseArticle(text)
        let lists = article.passages.filter { $0.kind == .list }
        #expect(lists.count == 3)
        #expect(lists.first?.text.hasPrefix("The full list of findings is:\n- Sentence1 ") ?? false)
        for list in lists {
            #expect(TextShape.wordCount(list.text) <= 120)
            #expect(list.text.hasSuffix("."))
        }
    }

    static let mergeCases: [StructureCase] = [
        StructureCase(
            "a fragment joins the previous passage",
            "\(lead)\nToo short here.",
            ["paragraph | - | \(lead)\nToo short here."]),
        StructureCase(
            "a fragment that introduces (ends with a colon) joins the next passage",
            "\(lead)\nAs a reminder:\nA second paragraph follows with more than eight words here.",
            [
                leadPassage,
                "paragraph | - | As a reminder:\nA second paragraph follows with more than eight words here.",
            ]),
        StructureCase(
            "fragments never merge across a heading",
            "\(lead)\nFirst Part\nShort line here.\nSecond Part\nAnother short one.",
            [leadPassage, "paragraph | First Part | Short line here.", "paragraph | Second Part | Another short one."]),
        StructureCase(
            "a fragment next to a table stays alone",
            "\(lead)\nFirst Part\nCompare them:\nA | B\n---|---\n1 | 2",
            [leadPassage, "paragraph | First Part | Compare them:", "table | First Part | A | B\n---|---\n1 | 2"]),
        StructureCase(
            "a short list joins the paragraph before it",
            "\(lead)\n- Yes\n- No",
            ["list | - | \(lead)\n- Yes\n- No"]),
    ]

    @Test(arguments: mergeCases) func merging(_ row: StructureCase) throws {
        #expect(summaries(try parseArticle(row.input)) == row.passages)
    }

    @Test func limitsAreConfigurable() throws {
        let text = lead + "\n" + (1...4).map { sentence($0, words: 10) }.joined(separator: " ")
        let article = try parseArticle(text, limits: PassageLimits(maxWords: 20, minWords: 3))
        #expect(article.passages.count == 3)
    }

    static let partitions: [(weights: [Int], limit: Int, groups: [Range<Int>])] = [
        ([], 120, []),
        ([50, 50], 120, [0..<2]),
        ([100, 100], 120, [0..<1, 1..<2]),
        ([60, 60, 60, 60, 60], 120, [0..<1, 1..<3, 3..<5]),
        ([10, 10, 10, 10, 10, 10, 10, 100], 120, [0..<7, 7..<8]),
        ([200, 10, 10], 120, [0..<1, 1..<3]),
        ([30, 30, 30, 30, 30, 30, 30, 30, 30, 30], 120, [0..<3, 3..<6, 6..<10]),
        ([5, 5, 5], 3, [0..<1, 1..<2, 2..<3]),
    ]

    @Test(arguments: partitions.indices)
    func balancedPartition(_ index: Int) {
        let row = Self.partitions[index]
        let groups = BalancedPartition.groups(row.weights, limit: row.limit)
        #expect(groups == row.groups, "weights \(row.weights)")
    }

    /// The one-pass split equals the exhaustive one (the fewest groups, then the least sum of
    /// squares over every placement of their cuts) on seeded random paragraphs.
    @Test func balancedPartitionMatchesExhaustiveSearch() {
        var random = SeededGenerator(seed: 12)
        for _ in 0..<300 {
            let count = Int.random(in: 1...40, using: &random)
            let limit = Int.random(in: 20...120, using: &random)
            let weights = (0..<count).map { _ in Int.random(in: 0...70, using: &random) }
            let groups = BalancedPartition.groups(weights, limit: limit)
            let reference = Self.exhaustive(weights, limit: limit)
            #expect(groups.count == reference.groups, "weights \(weights), limit \(limit)")
            #expect(Self.squares(groups, weights) == reference.squares, "weights \(weights), limit \(limit)")
            #expect(groups.first?.lowerBound == 0 && groups.last?.upperBound == count)
            #expect(zip(groups, groups.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        }
    }

    /// The least (groups, squares) over every split, by trying every cut set recursively.
    static func exhaustive(_ weights: [Int], limit: Int) -> (groups: Int, squares: Int) {
        var memo: [Int: (Int, Int)] = [:]
        func best(_ start: Int) -> (Int, Int) {
            if start == weights.count { return (0, 0) }
            if let known = memo[start] { return known }
            var result = (Int.max, Int.max)
            var weight = 0
            for end in (start + 1)...weights.count {
                weight += weights[end - 1]
                guard end == start + 1 || weight <= limit else { break }
                let rest = best(end)
                let candidate = (rest.0 + 1, rest.1 + weight * weight)
                if candidate < result { result = candidate }
            }
            memo[start] = result
            return result
        }
        return best(0)
    }

    static func squares(_ groups: [Range<Int>], _ weights: [Int]) -> Int {
        groups.reduce(0) { total, group in
            let weight = weights[group].reduce(0, +)
            return total + weight * weight
        }
    }
}
