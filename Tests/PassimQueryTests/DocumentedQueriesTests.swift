import Foundation
import PassimTestSupport
import Testing

@testable import PassimQuery

/// Every query README.md and PROTOCOL.md show parses, so the documents cannot drift from the
/// query language: the query-language table's examples, the `passim search` command lines,
/// and the `"query"` values of PROTOCOL.md's requests.
@Suite struct DocumentedQueriesTests {
    static let readme =
        (try? String(contentsOf: Repository.root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    static let protocolDocument =
        (try? String(contentsOf: Repository.root.appendingPathComponent("PROTOCOL.md"), encoding: .utf8)) ?? ""

    /// The first column of README's query-language table, each backticked example; `( )` is
    /// the table's name for parentheses, not a query.
    static var tableQueries: [String] {
        guard let start = readme.range(of: "### Query language") else { return [] }
        let rows = readme[start.upperBound...].split(separator: "\n").drop { !$0.hasPrefix("|") }.prefix {
            $0.hasPrefix("|")
        }
        return rows.dropFirst(2).flatMap { row -> [String] in
            let cell = row.split(separator: "|", omittingEmptySubsequences: true).first ?? ""
            return cell.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }
        .filter { $0 != "( )" }
    }

    /// The query of each `passim search` line of README's code blocks: its words after the
    /// options, up to a comment, pipe or redirection, with the shell's quotes removed.
    static var commandLineQueries: [String] {
        readme.split(separator: "\n").filter { $0.hasPrefix("passim search ") }.map { line in
            var words: [String] = []
            var optionsEnded = false
            for word in shellWords(String(line.dropFirst("passim search ".count))) {
                if word == "#" || word == "|" || word.hasPrefix(">") || word == "&&" { break }
                if !optionsEnded && word == "--" {
                    optionsEnded = true
                    continue
                }
                if !optionsEnded && word.hasPrefix("--") { continue }
                words.append(word)
            }
            return words.joined(separator: " ")
        }
    }

    /// PROTOCOL.md's `"query":"…"` values, JSON-decoded.
    static var protocolQueries: [String] {
        let pattern = #/"query": ?("(?:[^"\\]|\\.)*")/#
        return protocolDocument.matches(of: pattern).compactMap { match in
            try? JSONDecoder().decode(String.self, from: Data(match.output.1.utf8))
        }
    }

    /// Splits like a shell: single and double quotes group, and are removed.
    static func shellWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == " " {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    @Test func theDocumentsShowQueries() {
        #expect(Self.tableQueries.count >= 10, "\(Self.tableQueries)")
        #expect(Self.commandLineQueries.count >= 5, "\(Self.commandLineQueries)")
        #expect(Self.protocolQueries.count >= 5, "\(Self.protocolQueries)")
    }

    @Test func everyDocumentedQueryParses() {
        for query in Self.tableQueries + Self.commandLineQueries + Self.protocolQueries {
            #expect(throws: Never.self, "\(query)") { _ = try QueryParser().parse(query) }
        }
    }
}
