import Foundation
import PassimProtocol

/// `--explain`'s lines under a hit: the score, then each part that weighs something, with
/// where a word matched and what was searched with it.
enum ScoreExplanation {
    static func lines(_ parts: [ScoreContribution], score: Double, style: OutputStyle) -> [String] {
        var lines = [style.dim("    score \(format(score)) =")]
        for part in parts where part.weight > 0 {
            var line = "      \(format(part.weight))  \(label(part))"
            if let occurrences = part.occurrences {
                line += " " + style.dim("(\(describe(occurrences)))")
            }
            if let synonyms = part.synonyms, !synonyms.isEmpty {
                line += " " + style.dim("(also searched: \(synonyms.joined(separator: ", ")))")
            }
            lines.append(line)
        }
        let unmatched = parts.filter { $0.weight == 0 }.map(label)
        if !unmatched.isEmpty {
            lines.append(style.dim("      not in this passage: \(unmatched.joined(separator: ", "))"))
        }
        return lines
    }

    private static func label(_ part: ScoreContribution) -> String {
        switch part.kind {
        case "wordsTogether": "\(part.query) (words together)"
        case "synonym": "\(part.query) (as one name)"
        default: part.query
        }
    }

    private static func describe(_ occurrences: WordOccurrences) -> String {
        var places: [String] = []
        if occurrences.text > 0 { places.append("text \(occurrences.text)") }
        if occurrences.heading > 0 { places.append("heading \(occurrences.heading)") }
        if occurrences.title > 0 { places.append("title \(occurrences.title)") }
        return places.isEmpty ? "as a synonym" : places.joined(separator: ", ")
    }

    /// Three decimals, as scores are compared by eye.
    private static func format(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}
