import Foundation
import PassimProtocol

/// Decodes `passim search --json` output with the protocol's own types.
enum SearchJSON {
    static func decode(_ output: String) throws -> SearchResult {
        try JSONDecoder().decode(SearchResult.self, from: Data(output.utf8))
    }
}
