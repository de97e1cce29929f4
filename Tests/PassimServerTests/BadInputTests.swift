import Foundation
import PassimProtocol
import Testing

/// Everything a client can get wrong is answered with its own error, and the daemon (and the
/// connection) keep serving: each bad input is followed by a ping on the same connection.
@Suite struct BadInputTests {
    @Test func theCatalogueHasEnoughCases() {
        #expect(BadInput.catalogue.count >= 30)
        #expect(Set(BadInput.catalogue.map(\.name)).count == BadInput.catalogue.count)
    }

    @Test func everyBadInputGetsItsErrorAndTheConnectionStaysUsable() async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        for input in BadInput.catalogue {
            try await check(input, on: server)
        }
        // One daemon survived all of it.
        let stats = try await server.client().call("stats")
        #expect(stats["result"]?["index"]?["articles"] == 5)
    }

    private func check(_ input: BadInput, on server: ServerFixture) async throws {
        let client = try server.client(input.framing)
        try await client.send(raw: input.bytes)
        switch input.answer {
        case .error(let code, let id):
            let answer = try #require(try await client.next(), "\(input): no answer")
            #expect(answer.errorCode == code.rawValue, "\(input): \(answer)")
            #expect(answer["id"] == id, "\(input): \(answer)")
            #expect(answer["error"]?["message"]?.string?.isEmpty == false, "\(input)")
            #expect(answer["result"] == nil, "\(input)")
        case .nothing:
            break
        }
        let ping = try await client.request("ping")
        let pong = try #require(try await client.next(), "\(input): no answer to the ping")
        #expect(pong["id"] == .int(ping), "\(input): \(pong)")
        #expect(pong["result"] == [:], "\(input): \(pong)")
    }

    @Test func errorsCarryTheirData() async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let client = try server.client()
        let syntax = try await client.call("search", params: ["query": "acne title:"])
        #expect(syntax["error"]?["data"]?["offset"] == 11)
        #expect(syntax["error"]?["data"]?["expected"]?.array?.isEmpty == false)
        let missing = try await client.call("passage/get", params: ["id": "no_such_article#3"])
        #expect(missing["error"]?["data"] == ["kind": "passage", "id": "no_such_article#3"])
        let article = try await client.call("article/get", params: ["id": "no_such_article"])
        #expect(article["error"]?["data"] == ["kind": "article", "id": "no_such_article"])

        let framed = try server.client(.contentLength)
        try await framed.send(
            raw: Array("Content-Length: \(2 << 20)\r\n\r\n".utf8) + [UInt8](repeating: 0x20, count: 2 << 20))
        let tooLarge = try #require(try await framed.next())
        #expect(tooLarge["error"]?["data"] == ["limit": 1_048_576, "size": .int(2 << 20)])
    }

    @Test func aRequestIDStillInProgressCannotBeReused() async throws {
        let gate = Gate()
        defer { gate.open() }
        let server = try await ServerFixture(handlers: .holdingSearches(at: gate))
        defer { server.stop() }
        let client = try server.client()
        let search = #"{"jsonrpc":"2.0","id":"dup","method":"search","params":{"query":"acne"}}"#
        try await client.send(json: search)
        try await client.send(json: search)
        let first = try #require(try await client.next())
        #expect(first.errorCode == ErrorCode.invalidRequest.rawValue, "\(first)")
        #expect(first["id"] == "dup")
        gate.open()
        let second = try #require(try await client.next())
        #expect(second["result"]?["hits"] != nil, "\(second)")
    }
}
