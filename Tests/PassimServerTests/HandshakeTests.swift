import Foundation
import PassimProtocol
import Testing

/// `initialize` in both framings, what it reports, and the rules around it.
@Suite struct HandshakeTests {
    @Test(arguments: [TestFraming.lines, .contentLength])
    func initializeAnswersInTheClientsFraming(_ framing: TestFraming) async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let client = try server.client(framing)
        let answer = try await client.call(
            "initialize",
            params: [
                "clientInfo": ["name": "handshake-test"],
                "capabilities": ["general": ["positionEncodings": ["utf-32", "utf-16"]]],
            ])
        let result = try #require(answer["result"])
        #expect(result["protocolVersion"] == .string(ProtocolVersion.current.description))
        #expect(result["serverInfo"]?["name"] == "passim")
        #expect(result["positionEncoding"] == "utf-32")
        #expect(result["capabilities"]?["maxMessageBytes"] == 1_048_576)
        let methods = Set(try #require(result["capabilities"]?["methods"]?.array).compactMap(\.string))
        #expect(methods == Set(MessageRegistry.server.requestMethods))
        #expect(result["index"]?["articles"] == 5)
        #expect(result["index"]?["path"]?.string == server.index)
        #expect((result["index"]?["passages"]?.int ?? 0) > 5)
        // The corpus beside the index is its one root, with no label.
        let corpus = URL(fileURLWithPath: server.corpus).resolvingSymlinksInPath().path
        #expect(result["index"]?["roots"] == [["path": .string(corpus), "label": "", "kind": "folder"]])
        // The connection goes on in the same framing.
        #expect(try await client.call("ping")["result"] == [:])
    }

    @Test func initializeWithoutParamsDefaultsToUTF8() async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let client = try server.client(.contentLength)
        let answer = try await client.call("initialize")
        #expect(answer["result"]?["positionEncoding"] == "utf-8")
    }

    @Test func unknownEncodingsFallBackToUTF8() async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let answer = try await server.client().call(
            "initialize", params: ["capabilities": ["general": ["positionEncodings": ["ebcdic", "UTF-16"]]]])
        #expect(answer["result"]?["positionEncoding"] == "utf-16")
    }

    @Test func aSecondInitializeIsRefused() async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let client = try server.client()
        #expect(try await client.call("initialize")["result"] != nil)
        let second = try await client.call("initialize")
        #expect(second.errorCode == ErrorCode.invalidRequest.rawValue)
        #expect(try await client.call("ping")["result"] == [:])
    }

    @Test func initializeWithoutAnIndexOmitsIt() async throws {
        let server = try await ServerFixture(ingest: false)
        defer { server.stop() }
        let client = try server.client()
        let answer = try await client.call("initialize")
        #expect(answer["result"] != nil)
        #expect(answer["result"]?["index"] == nil)
        let search = try await client.call("search", params: ["query": "acne"])
        #expect(search.errorCode == ErrorCode.indexUnavailable.rawValue)
    }

    @Test func statsCountConnectionsAndSearches() async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let client = try server.client()
        for query in ["acne", "stem cells", "\"growth factors\""] {
            #expect(try await client.call("search", params: ["query": .string(query)])["result"] != nil)
        }
        #expect(
            try await client.call("search", params: ["query": "acne title:"]).errorCode
                == ErrorCode.querySyntax.rawValue)
        let stats = try #require(try await client.call("stats")["result"])
        #expect(stats["queries"]?["total"] == 4)
        #expect(stats["queries"]?["failed"] == 1)
        #expect(stats["latencyMs"]?["samples"] == 4)
        #expect(stats["connections"]?["open"]?.int ?? 0 >= 1)
        #expect(stats["index"]?["articles"] == 5)
        #expect(stats["protocolVersion"] == .string(ProtocolVersion.current.description))
    }
}
