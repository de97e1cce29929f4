import Foundation
import PassimProtocol
import Testing

/// Offsets and columns in UTF-16 and UTF-32 match what the file's text says, counted here with
/// Swift's own string views (not with the server's converter).
@Suite struct PositionEncodingTests {
    static let queries = [
        "depressed scars collagen", "keratinocytes fibroblasts", "surgery injury inflammation",
        "natural ability heal regenerate", "hyperpigmented skin tone", "zorbacells helix",
    ]

    /// Units of `bytes` (valid UTF-8) in `encoding`.
    private func units(_ bytes: some Collection<UInt8>, _ encoding: String) -> Int {
        let text = String(decoding: Array(bytes), as: UTF8.self)
        return encoding == "utf-16" ? text.utf16.count : text.unicodeScalars.count
    }

    /// The bytes of 1-based line `line` of `file`.
    private func line(_ line: Int, of file: [UInt8]) -> ArraySlice<UInt8> {
        let lines = file.split(separator: 0x0A, omittingEmptySubsequences: false)
        return lines[line - 1]
    }

    private func column(_ utf8Column: Int, line number: Int, file: [UInt8], _ encoding: String) -> Int {
        units(line(number, of: file).prefix(utf8Column - 1), encoding) + 1
    }

    /// A client of `server` whose `initialize` asked for, and got, `encoding`.
    private func converting(
        _ server: ServerFixture, to encoding: String, _ framing: TestFraming = .lines
    ) async throws -> TestClient {
        let client = try server.client(framing)
        let handshake = try await client.call(
            "initialize", params: ["capabilities": ["general": ["positionEncodings": [.string(encoding)]]]])
        #expect(handshake["result"]?["positionEncoding"] == .string(encoding))
        return client
    }

    /// A file that grew to a terabyte (sparse) after it was indexed keeps its indexed part, so
    /// its hits still convert, reading only that part: before, the daemon read the whole file
    /// (a 2 GB file took one UTF-16 search past 3 GB of memory).
    @Test func aFileThatGrewHugeIsConvertedFromItsIndexedPartOnly() throws {
        let server = try ProcessServerFixture()
        defer { server.stop() }
        let extra = server.corpus + "/zz_grown.txt"
        try "Grown notes\n\nThe 𝛼-helix kappamarker passage, indexed before the file grew.\n"
            .write(toFile: extra, atomically: false, encoding: .utf8)
        let plain = try server.client()
        #expect(try plain.call("ingest", params: ["paths": [.string(extra)]])["result"]?["added"] == 1)
        #expect(truncate(extra, 1 << 40) == 0)
        // The daemon is a process of its own here: its peak memory is what this test is about.
        let converted = try server.client()
        _ = try converted.call("initialize", params: ["capabilities": ["general": ["positionEncodings": ["utf-16"]]]])
        let answer = try converted.call("search", params: ["query": "kappamarker"])
        let hit = try #require(answer["result"]?["hits"]?[0], "\(answer)")
        #expect(hit["location"]?["startLine"] == 3)
        // "The 𝛼-helix kappamarker": 𝛼 is two UTF-16 units, four UTF-8 bytes.
        #expect(hit["highlights"]?[0]?["column"] == 14, "\(hit)")
        let status = try String(contentsOfFile: "/proc/\(server.pid)/status", encoding: .utf8)
        let peakKB =
            status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
            .flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        #expect(peakKB > 0 && peakKB < 1 << 20, "the daemon's peak memory: \(peakKB) kB")
    }

    @Test(arguments: ["utf-16", "utf-32"])
    func searchPositionsAreConverted(_ encoding: String) async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        // A line with a character outside the BMP (4 UTF-8 bytes, 2 UTF-16 units, 1 scalar).
        let extra = server.corpus + "/zz_greek.txt"
        try "Helix notes\n\n𝛼-helix proteins and the body’s zorbacells — ✔ stable folds in every zorbacells sample.\n"
            .write(toFile: extra, atomically: false, encoding: .utf8)
        let plain = try server.client()
        #expect(try await plain.call("ingest", params: ["paths": [.string(extra)]])["result"]?["added"] == 1)
        let converted = try await converting(server, to: encoding, .contentLength)

        var differingOffsets = 0
        var differingColumns = 0
        var highlightsChecked = 0
        for query in Self.queries {
            let params: JSONValue = ["query": .string(query), "limit": 20]
            let bytes = try #require(try await plain.call("search", params: params)["result"]).decoded(
                SearchResult.self)
            let units = try #require(try await converted.call("search", params: params)["result"]).decoded(
                SearchResult.self)
            #expect(bytes.hits.count == units.hits.count)
            #expect(!bytes.hits.isEmpty, "\(query)")
            for (hit8, hit) in zip(bytes.hits, units.hits) {
                #expect(hit8.passage == hit.passage)
                let file = Array(try Data(contentsOf: URL(fileURLWithPath: hit8.article.path)))
                let location = hit8.location
                let expected = TextRange(
                    start: self.units(file[..<location.start], encoding),
                    end: self.units(file[..<location.end], encoding),
                    startLine: location.startLine,
                    startColumn: column(location.startColumn, line: location.startLine, file: file, encoding),
                    endLine: location.endLine,
                    endColumn: column(location.endColumn, line: location.endLine, file: file, encoding))
                #expect(hit.location == expected, "\(query): \(hit.passage.id)")
                if expected.start != location.start { differingOffsets += 1 }
                #expect(hit8.highlights.count == hit.highlights.count)
                let text = Array(hit8.passage.text.utf8)
                for (mark8, mark) in zip(hit8.highlights, hit.highlights) {
                    let expectedMark = Highlight(
                        start: self.units(text[..<mark8.start], encoding),
                        end: self.units(text[..<mark8.end], encoding),
                        line: mark8.line, column: column(mark8.column, line: mark8.line, file: file, encoding),
                        endLine: mark8.endLine,
                        endColumn: column(mark8.endColumn, line: mark8.endLine, file: file, encoding))
                    #expect(mark == expectedMark, "\(query): \(hit.passage.id)")
                    if expectedMark.column != mark8.column { differingColumns += 1 }
                    highlightsChecked += 1
                }
            }
        }
        // Not vacuous: non-ASCII text came before many of these positions.
        #expect(differingOffsets > 0)
        #expect(differingColumns > 0)
        #expect(highlightsChecked > 10)
    }

    @Test(arguments: ["utf-16", "utf-32"])
    func passageAndArticlePositionsAreConverted(_ encoding: String) async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let plain = try server.client()
        let converted = try await converting(server, to: encoding)
        let params: JSONValue = ["id": "001_703ab0bc430d4bad", "includePassages": true]
        let bytes = try #require(try await plain.call("article/get", params: params)["result"]).decoded(
            ArticleGetResult.self)
        let units = try #require(try await converted.call("article/get", params: params)["result"]).decoded(
            ArticleGetResult.self)
        let file = Array(try Data(contentsOf: URL(fileURLWithPath: bytes.article.path)))
        let pairs = zip(try #require(bytes.passages), try #require(units.passages))
        var differing = 0
        for (record8, record) in pairs {
            #expect(record.location.start == self.units(file[..<record8.location.start], encoding))
            #expect(record.location.end == self.units(file[..<record8.location.end], encoding))
            #expect(
                record.location.endColumn
                    == column(record8.location.endColumn, line: record8.location.endLine, file: file, encoding))
            if record.location.start != record8.location.start { differing += 1 }
        }
        #expect(differing > 0)

        let id = try #require(units.passages?.last?.passage.id)
        let passage = try await converted.call("passage/get", params: ["id": .string(id), "context": 2])
        let result = try #require(passage["result"]).decoded(PassageGetResult.self)
        #expect(result.passage == units.passages?.last)
        #expect(result.before == Array(try #require(units.passages).dropLast().suffix(2)))
    }

    @Test func inlineTextPositionsAreConvertedWithoutAFile() async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let client = try server.client()
        _ = try await client.call(
            "initialize", params: ["capabilities": ["general": ["positionEncodings": ["utf-16"]]]])
        let text = "Dräft 𝛼 notes\n\n𝛼𝛽 strands fold — the body’s quixotrons align in every quixotrons test run.\n"
        let ingest = try await client.call("ingest", params: ["text": .string(text), "name": "notes/draft.txt"])
        #expect(ingest["result"]?["added"] == 1, "\(ingest)")
        let answer = try await client.call("search", params: ["query": "quixotrons"])
        let result = try #require(answer["result"], "\(answer)").decoded(SearchResult.self)
        let hit = try #require(result.hits.first)
        let bytes = Array(text.utf8)
        let start = try #require(bytes.indices.first { bytes[$0...].starts(with: hit.passage.text.utf8) })
        #expect(hit.location.start == units(bytes[..<start], "utf-16"))
        #expect(hit.location.start != start)
        let word = try #require(hit.highlights.first)
        #expect(word.column == units(Array("𝛼𝛽 strands fold — the body’s ".utf8), "utf-16") + 1)
    }

    @Test(arguments: ["utf-16", "utf-32"])
    func querySyntaxOffsetsAreConverted(_ encoding: String) async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let plain = try server.client()
        let converted = try await converting(server, to: encoding)
        let query = "𝛼-helix body’s ✔ title:"
        let offset8 = try #require(
            try await plain.call("search", params: ["query": .string(query)])["error"]?["data"]?["offset"]?.int)
        let offset = try await converted.call("search", params: ["query": .string(query)])["error"]?["data"]?["offset"]?
            .int
        #expect(offset == units(Array(query.utf8).prefix(offset8), encoding))
        #expect(offset != offset8)
    }
}
