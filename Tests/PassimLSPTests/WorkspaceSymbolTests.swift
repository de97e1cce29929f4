import Foundation
import PassimCore
import PassimLSP
import PassimProtocol
import Testing

/// `workspace/symbol` over a real index of the seed corpus, searched in process: the symbols are
/// the search's hits in rank order, each at its first matched word.
@Suite struct WorkspaceSymbolTests {
    static let greekArticle = "greek.txt"
    /// A line where UTF-8, UTF-16 and UTF-32 columns all differ before `zebrafish`.
    static let greekLine = "The 𝛼-helix and the body’s cells of the zebrafish."
    static let greekText = "Greek Letters\n\n" + greekLine + "\n"

    @Test(arguments: ["stromal vascular fraction", "\"depressed scars\"", "stem cells", "collagen"])
    func symbolsAreTheHitsAtTheirFirstMatchedWord(query: String) async throws {
        let folder = try IndexedFolder.shared.get()
        let expected = try folder.search(query)
        try #require(!expected.hits.isEmpty)
        var server = ServerUnderTest(source: InProcessPassageSource(layout: folder.layout))
        _ = try await server.initialize(encodings: ["utf-8"])
        await server.send(ServerUnderTest.symbolRequest(id: 1, query: query))
        let symbols = try await server.next().decoded([SymbolInformation].self)
        #expect(symbols.count == expected.hits.count)
        for (symbol, hit) in zip(symbols, expected.hits) {
            let first = try #require(hit.highlights.first)
            #expect(symbol.location.uri == URL(fileURLWithPath: hit.article.path).absoluteString)
            #expect(symbol.location.range.start == LSPPosition(line: first.line - 1, character: first.column - 1))
            #expect(symbol.location.range.end == LSPPosition(line: first.endLine - 1, character: first.endColumn - 1))
            #expect(symbol.containerName == hit.article.title)
            #expect(symbol.kind == .string)
            #expect(symbol.name.count <= 130, "\(symbol.name)")
            #expect(!symbol.name.contains("\n"))
            if let section = hit.passage.section {
                #expect(symbol.name.hasPrefix("§ " + section.prefix(10)), "\(symbol.name)")
            }
            // The snippet starts a few words before the match, so the matched word is in the name.
            let word = String(decoding: Array(hit.passage.text.utf8)[first.start..<first.end], as: UTF8.self)
            #expect(symbol.name.contains(word), "\(symbol.name) lacks \(word)")
        }
    }

    @Test(arguments: ["", "   ", "zzzqqqxxy", "title:"])
    func queriesWithoutHitsAnswerAnEmptyList(query: String) async throws {
        var server = ServerUnderTest(source: InProcessPassageSource(layout: try IndexedFolder.shared.get().layout))
        _ = try await server.initialize()
        await server.send(ServerUnderTest.symbolRequest(id: 2, query: query))
        let answer = try await server.next()
        #expect(answer.error == nil && answer.result == .array([]), "\(answer)")
    }

    @Test func anIndexThatIsNotThereFailsTheRequestAndNotTheServer() async throws {
        let missing = IndexLayout(directory: "/nonexistent/passim-lsp-test/index")
        var server = ServerUnderTest(source: InProcessPassageSource(layout: missing))
        _ = try await server.initialize()
        await server.send(ServerUnderTest.symbolRequest(id: 3, query: "collagen"))
        let answer = try await server.next()
        #expect(answer.error?.code == -32803 && answer.error?.message.contains("passim ingest") == true)
    }

    /// Offered encodings → the one chosen, and the column of `zebrafish` counted in it.
    static let encodings: [([String]?, PositionEncoding)] = [
        (nil, .utf16), (["utf-16"], .utf16), (["utf-8"], .utf8), (["utf-32", "utf-16"], .utf32),
        (["utf-16", "utf-8"], .utf8), (["latin-1"], .utf16),
    ]

    @Test(arguments: encodings)
    func positionsAreInTheNegotiatedEncoding(offered: [String]?, chosen: PositionEncoding) async throws {
        var server = ServerUnderTest(source: InProcessPassageSource(layout: try IndexedFolder.shared.get().layout))
        let initialized = try await server.initialize(encodings: offered).decoded(LSPInitializeResult.self)
        #expect(initialized.capabilities.positionEncoding == chosen)
        await server.send(ServerUnderTest.symbolRequest(id: 4, query: "zebrafish"))
        let symbol = try #require(try await server.next().decoded([SymbolInformation].self).first)
        let before = try #require(Self.greekLine.range(of: "zebrafish")).lowerBound
        let prefix = Self.greekLine[..<before]
        let column: Int
        switch chosen {
        case .utf8: column = prefix.utf8.count
        case .utf16: column = prefix.utf16.count
        case .utf32: column = prefix.unicodeScalars.count
        }
        #expect(Set([prefix.utf8.count, prefix.utf16.count, prefix.unicodeScalars.count]).count == 3)
        #expect(symbol.location.uri.hasSuffix("/corpus/" + Self.greekArticle))
        #expect(symbol.location.range.start == LSPPosition(line: 2, character: column))
        #expect(symbol.location.range.end == LSPPosition(line: 2, character: column + "zebrafish".count))
        #expect(symbol.containerName == "Greek Letters")
    }
}
