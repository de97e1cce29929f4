/// Passage size limits, in words (whitespace-separated tokens with a letter or digit).
public struct PassageLimits: Sendable, Hashable {
    /// Paragraphs and lists longer than this are split at sentence or item boundaries.
    public var maxWords: Int
    /// Passages shorter than this are merged with a neighbour in the same section.
    public var minWords: Int

    /// Creates limits; the defaults suit search results of about a short paragraph.
    public init(maxWords: Int = 120, minWords: Int = 8) {
        precondition(maxWords > 0 && minWords >= 0, "passage limits must be positive")
        self.maxWords = maxWords
        self.minWords = minWords
    }
}

/// A passage before numbering: a byte range with its kind and section.
struct PassageDraft {
    var range: Range<Int>
    var kind: PassageKind
    var section: String?
    /// Passages of one group have no heading or boilerplate between them, so they may merge.
    var group: Int
    var words: Int
}

/// Turns an article's blocks into passages with exact byte ranges.
struct PassageBuilder {
    let source: SourceText
    let lines: [Line]
    let limits: PassageLimits
    /// For a markup article, where the rendered text's parts are in the file.
    var map: SourceMap? = nil
    /// Sentence ranges of a range of the file, in file offsets, trimmed, never empty.
    let sentences: (Range<Int>) -> [Range<Int>]

    func passages(_ blocks: [Block]) -> [Passage] {
        mergeFragments(drafts(blocks)).enumerated().map { index, draft in
            passage(ordinal: index + 1, section: draft.section, range: draft.range, kind: draft.kind)
        }
    }

    /// The one passage of an article that has nothing but its title: the title's words
    /// (without a Markdown heading's `#`s or a list marker).
    func titlePassage(_ line: Line) -> Passage {
        passage(ordinal: 1, section: nil, range: line.headingRange, kind: .paragraph)
    }

    /// The passage of a range of the (rendered) text, located in the file.
    private func passage(ordinal: Int, section: String?, range: Range<Int>, kind: PassageKind) -> Passage {
        guard let map else {
            return Passage(
                ordinal: ordinal, section: section, text: source.string(range), location: source.location(range),
                kind: kind)
        }
        return Passage(
            ordinal: ordinal, section: section, text: source.string(range), location: map.location(of: range),
            kind: kind, map: map.slice(range))
    }

    func drafts(_ blocks: [Block]) -> [PassageDraft] {
        var drafts: [PassageDraft] = []
        var section: String?
        var group = 0
        var leadIn: Range<Int>?
        func add(_ units: [Range<Int>], _ kind: PassageKind) {
            drafts += chunks(units, kind).map { range in
                PassageDraft(
                    range: range, kind: kind, section: section, group: group,
                    words: wordCount(range))
            }
        }
        for (index, block) in blocks.enumerated() {
            switch block {
            case .heading(let text):
                section = text
                group += 1
            case .separator:
                group += 1
            case .table(let rows):
                add([span(rows)], .table)
            case .code(let rows):
                add([span(rows)], .code)
            case .paragraph(let rows):
                let range = span(rows)
                guard index + 1 < blocks.count, case .list = blocks[index + 1],
                    TextShape.endsWithColon(lines[rows.upperBound - 1].text)
                else {
                    add(sentenceUnits(range), .paragraph)
                    continue
                }
                // The sentence that introduces a list goes with the list; the rest stays.
                var units = sentences(range)
                leadIn = units.popLast() ?? range
                add(units, .paragraph)
            case .list(let items):
                var units = items.map(span)
                if let lead = leadIn, let first = units.first {
                    units[0] = lead.lowerBound..<first.upperBound
                }
                leadIn = nil
                add(units, .list)
            }
        }
        return drafts
    }

    /// Merges passages shorter than `minWords` into a neighbour of the same group: the previous
    /// one, or the next one when the fragment introduces it (ends with `:`). Tables stay whole.
    func mergeFragments(_ input: [PassageDraft]) -> [PassageDraft] {
        var drafts = input
        var index = 0
        while index < drafts.count {
            let draft = drafts[index]
            guard draft.words < limits.minWords, draft.kind != .table, draft.kind != .code else {
                index += 1
                continue
            }
            func mergeable(_ other: Int) -> Bool {
                drafts.indices.contains(other) && drafts[other].group == draft.group
                    && drafts[other].kind != .table && drafts[other].kind != .code
            }
            let introduces = TextShape.endsWithColon(source.string(draft.range))
            if mergeable(index + 1), introduces || !mergeable(index - 1) {
                drafts[index + 1] = merged(draft, drafts[index + 1])
                drafts.remove(at: index)
            } else if mergeable(index - 1) {
                drafts[index - 1] = merged(drafts[index - 1], draft)
                drafts.remove(at: index)
            } else {
                index += 1
            }
        }
        return drafts
    }

    private func merged(_ first: PassageDraft, _ second: PassageDraft) -> PassageDraft {
        var result = first
        result.range = first.range.lowerBound..<second.range.upperBound
        result.words = first.words + second.words
        result.kind = first.kind == .list || second.kind == .list ? .list : .paragraph
        return result
    }

    /// Groups units into passages of at most `maxWords` words (a longer single unit stays whole).
    private func chunks(_ units: [Range<Int>], _ kind: PassageKind) -> [Range<Int>] {
        let weights = units.map(wordCount)
        return BalancedPartition.groups(weights, limit: limits.maxWords).map { group in
            units[group.lowerBound].lowerBound..<units[group.upperBound - 1].upperBound
        }
    }

    /// A paragraph as one unit, or as its sentences when it is too long to be one passage.
    private func sentenceUnits(_ range: Range<Int>) -> [Range<Int>] {
        wordCount(range) > limits.maxWords ? sentences(range) : [range]
    }

    private func span(_ rows: Range<Int>) -> Range<Int> {
        lines[rows.lowerBound].content.lowerBound..<lines[rows.upperBound - 1].content.upperBound
    }

    private func wordCount(_ range: Range<Int>) -> Int {
        TextShape.wordCount(source.string(range))
    }
}
