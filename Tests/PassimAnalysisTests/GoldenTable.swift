import Foundation
import PassimAnalysis
import Testing

/// One row of a tab-separated golden table in `Golden/`.
struct GoldenRow: Sendable, CustomTestStringConvertible {
    let name: String
    let columns: [String]
    let line: Int

    var testDescription: String { "\(name) (line \(line))" }

    /// Loads `Golden/<file>`: `#` lines are comments, columns are tab separated.
    static func load(_ file: String) throws -> [GoldenRow] {
        guard let url = Bundle.module.url(forResource: "Golden/" + file, withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Golden/" + file])
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        var rows: [GoldenRow] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(
                String.init)
            rows.append(
                GoldenRow(name: columns[0], columns: Array(columns.dropFirst()), line: index + 1))
        }
        return rows
    }

    /// Column `index` (0 = the first after the name), or "" when the row is shorter.
    subscript(index: Int) -> String { index < columns.count ? columns[index] : "" }
}

/// Undoes the table escapes: `\n`, `\t`, `\\` and `\u{HEX}`.
func unescapeGolden(_ text: String) -> String {
    var result = ""
    var scalars = text.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
        guard scalar == "\\", let next = scalars.next() else {
            result.unicodeScalars.append(scalar)
            continue
        }
        switch next {
        case "n": result += "\n"
        case "t": result += "\t"
        case "u":
            var hex = ""
            _ = scalars.next()  // "{"
            while let digit = scalars.next(), digit != "}" { hex.unicodeScalars.append(digit) }
            if let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) {
                result.unicodeScalars.append(decoded)
            }
        default: result.unicodeScalars.append(next)
        }
    }
    return result
}

/// `term@start-end#position:kind` for tokens, without `:kind` for bigrams.
func render(_ tokens: [Token], kinds: Bool) -> String {
    tokens.map { token in
        let base = "\(token.term)@\(token.start)-\(token.end)#\(token.position)"
        return kinds ? base + ":\(token.kind.rawValue)" : base
    }.joined(separator: " ")
}
