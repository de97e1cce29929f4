import Foundation
import PassimLSP
import PassimProtocol
import Testing

/// The LSP lifecycle and every kind of bad input, answered as JSON-RPC and LSP say, without
/// the server ever stopping: each case is followed by a request that must still be answered.
@Suite struct LifecycleTests {
    /// A message and the error code it must be answered with (and the id, nil for `null`).
    struct BadInput: Sendable, CustomTestStringConvertible {
        var name: String
        var message: String
        var code: Int
        var id: RequestID?

        var testDescription: String { name }
    }

    static let badInputs: [BadInput] = [
        BadInput(name: "not JSON", message: "{\"jsonrpc\":", code: -32700, id: nil),
        BadInput(name: "a batch", message: #"[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]"#, code: -32600),
        BadInput(name: "a string", message: #""hello""#, code: -32600),
        BadInput(name: "no jsonrpc", message: #"{"id":4,"method":"workspace/symbol"}"#, code: -32600, id: .number(4)),
        BadInput(name: "a null id", message: #"{"jsonrpc":"2.0","id":null,"method":"x"}"#, code: -32600),
        BadInput(name: "an object id", message: #"{"jsonrpc":"2.0","id":{},"method":"x"}"#, code: -32600),
        BadInput(
            name: "a number method", message: #"{"jsonrpc":"2.0","id":"s","method":7}"#, code: -32600, id: .string("s")),
        BadInput(name: "no method", message: #"{"jsonrpc":"2.0","id":5}"#, code: -32600, id: .number(5)),
        BadInput(
            name: "an unknown method", message: #"{"jsonrpc":"2.0","id":6,"method":"textDocument/hover"}"#,
            code: -32601, id: .number(6)),
        BadInput(
            name: "a query that is a number",
            message: #"{"jsonrpc":"2.0","id":7,"method":"workspace/symbol","params":{"query":3}}"#, code: -32602,
            id: .number(7)),
        BadInput(
            name: "no query", message: #"{"jsonrpc":"2.0","id":8,"method":"workspace/symbol","params":{}}"#,
            code: -32602, id: .number(8)),
        BadInput(
            name: "a second initialize", message: #"{"jsonrpc":"2.0","id":9,"method":"initialize","params":{}}"#,
            code: -32600, id: .number(9)),
    ]

    @Test(arguments: badInputs)
    func badInputIsAnsweredAndTheServerGoesOn(_ input: BadInput) async throws {
        var server = ServerUnderTest(source: EmptySource())
        _ = try await server.initialize()
        await server.send(input.message)
        let answer = try await server.next()
        #expect(answer.error?.code == input.code, "\(answer.error?.message ?? "no error")")
        #expect(answer.id == input.id)
        await server.send(ServerUnderTest.symbolRequest(id: 100, query: ""))
        let next = try await server.next()
        #expect(next.id == .number(100) && next.error == nil && next.result == .array([]))
    }

    @Test func requestsBeforeInitializeAreRefusedAndNotificationsIgnored() async throws {
        var server = ServerUnderTest(source: EmptySource())
        await server.send(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#)
        await server.send(#"{"jsonrpc":"2.0","id":1,"method":"workspace/symbol","params":{"query":"x"}}"#)
        let refused = try await server.next()
        #expect(refused.id == .number(1) && refused.error?.code == -32002)
        let initialized = try await server.initialize()
        #expect(initialized.id == .number(0))
        let result = try initialized.decoded(LSPInitializeResult.self)
        #expect(result.capabilities.workspaceSymbolProvider)
        #expect(result.serverInfo.name == "passim")
    }

    @Test func shutdownThenExitEndsWithStatusZero() async throws {
        var server = ServerUnderTest(source: EmptySource())
        _ = try await server.initialize()
        await server.send(#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#)
        let answer = try await server.next()
        #expect(answer.id == .number(2) && answer.error == nil && answer.result == nil)
        await server.send(ServerUnderTest.symbolRequest(id: 3, query: "x"))
        #expect(try await server.next().error?.code == -32600, "requests after shutdown are invalid")
        #expect(await server.send(#"{"jsonrpc":"2.0","method":"exit"}"#) == 0)
    }

    @Test func exitWithoutShutdownEndsWithStatusOne() async throws {
        var server = ServerUnderTest(source: EmptySource())
        _ = try await server.initialize()
        #expect(await server.send(#"{"jsonrpc":"2.0","method":"exit"}"#) == 1)
    }

    @Test func responsesAndUnknownNotificationsAreNotAnswered() async throws {
        var server = ServerUnderTest(source: EmptySource())
        _ = try await server.initialize()
        await server.send(#"{"jsonrpc":"2.0","id":40,"result":null}"#)
        await server.send(#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{}}}"#)
        await server.send(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"nobody"}}"#)
        await server.send(ServerUnderTest.symbolRequest(id: 41, query: " "))
        #expect(try await server.next().id == .number(41), "nothing was answered before it")
    }
}

/// A source with no passages at all.
struct EmptySource: PassageSource {
    func search(_ query: String, limit: Int) async throws(PassageSourceError) -> SearchResult {
        SearchResult(query: query, estimatedTotal: 0, hits: [])
    }
}
