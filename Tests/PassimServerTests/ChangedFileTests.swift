import Foundation
import PassimProtocol
import Testing

/// A file edited after it was indexed never fails a search, whatever the position encoding:
/// its hits move with their text, or say they are stale.
@Suite struct ChangedFileTests {
    @Test(arguments: ["utf-8", "utf-16", "utf-32"])
    func hitsFollowTheirTextOrSayTheyAreStale(_ encoding: String) async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let client = try server.client()
        let handshake = try await client.call(
            "initialize", params: ["capabilities": ["general": ["positionEncodings": [.string(encoding)]]]])
        #expect(handshake["result"]?["positionEncoding"] == .string(encoding))
        let query: JSONValue = ["query": "stromal vascular fraction", "limit": 1]
        let before = try #require(try await client.call("search", params: query)["result"]?["hits"]?[0])
        let file = server.corpus + "/000_c0039b83ab477ca1.txt"
        let original = try String(contentsOfFile: file, encoding: .utf8)

        // Lines added above the passage: the same passage, two lines further down.
        try ("An 𝛼 line added later.\n\n" + original).write(toFile: file, atomically: false, encoding: .utf8)
        let moved = try await client.call("search", params: query)
        let hit = try #require(moved["result"]?["hits"]?[0], "\(moved)")
        #expect(hit["stale"] == nil)
        #expect(hit["passage"]?["id"] == before["passage"]?["id"])
        #expect(hit["location"]?["startLine"]?.int == (before["location"]?["startLine"]?.int).map { $0 + 2 })
        #expect(hit["highlights"]?[0]?["line"]?.int == (before["highlights"]?[0]?["line"]?.int).map { $0 + 2 })

        // The passage's own text edited: still answered, the hit marked stale.
        let edited = original.replacingOccurrences(of: "stromal vascular fraction", with: "stromal vascular fraktion")
        #expect(edited != original)
        try edited.write(toFile: file, atomically: false, encoding: .utf8)
        let stale = try await client.call("search", params: query)
        #expect(stale["error"] == nil, "\(stale)")
        let staleHit = try #require(stale["result"]?["hits"]?[0], "\(stale)")
        #expect(staleHit["stale"] == true)
        // Its place is the indexed version's, in UTF-8 (PROTOCOL.md): the file no longer has it.
        if encoding == "utf-8" { #expect(staleHit["location"] == before["location"]) }
    }
}
