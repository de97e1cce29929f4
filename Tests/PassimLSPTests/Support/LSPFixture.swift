import Foundation
import Logging
import PassimCore
import PassimLSP
import PassimProtocol
import PassimServer
import PassimTestSupport
import Testing

/// A real index of the seed corpus plus `extra` articles (file name: text), in a temporary folder.
final class IndexedFolder: Sendable {
    let directory: TemporaryDirectory
    let layout: IndexLayout

    init(extra: [String: String] = [:]) throws {
        directory = try TemporaryDirectory("passim-lsp")
        let corpus = directory.path("corpus")
        try Repository.copySeedCorpus(to: corpus)
        for (name, text) in extra { try directory.write("corpus/" + name, text) }
        layout = IndexLayout(directory: directory.path("index"))
        let writer = try IndexWriter(layout: layout)
        _ = try Ingestor(writer: writer, logger: Self.quiet).ingest(paths: [corpus])
        try writer.close()
    }

    /// The in-process search the server's answers are checked against.
    func search(_ query: String, limit: Int = 50) throws -> SearchResult {
        SearchResult(try Searcher(layout: layout).search(SearchParameters(query: query, limit: limit)))
    }

    static let quiet = Logger(label: "passim.test") { _ in SwiftLogNoOpLogHandler() }
}

/// The server's messages as they come out, for a test to wait on one by one.
final class CollectingOutput: LSPOutput {
    private let stream: AsyncStream<[UInt8]>
    private let continuation: AsyncStream<[UInt8]>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
    }

    func send(_ message: [UInt8]) {
        continuation.yield(message)
    }

    /// The messages, in the order they were sent.
    var messages: AsyncStream<[UInt8]> { stream }
}

/// A response as the client reads it.
struct ReceivedResponse: Decodable, Sendable {
    var jsonrpc: String
    var id: RequestID?
    var result: JSONValue?
    var error: LSPError?

    init(_ bytes: [UInt8]) throws {
        self = try JSONDecoder().decode(Self.self, from: Data(bytes))
    }

    /// The result decoded as `T`.
    func decoded<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(result ?? .null))
    }
}

/// A `LanguageServer` under test with what it sends collected.
struct ServerUnderTest {
    let server: LanguageServer
    private var responses: AsyncStream<[UInt8]>.Iterator

    init(source: any PassageSource, limit: Int = 50) {
        let output = CollectingOutput()
        server = LanguageServer(
            source: source, output: output, limit: limit, version: "test", logger: IndexedFolder.quiet)
        responses = output.messages.makeAsyncIterator()
    }

    /// Sends a message body as the client would; returns the exit status if it was `exit`.
    @discardableResult
    func send(_ json: String) async -> Int32? {
        await server.receive(Array(json.utf8))
    }

    /// The next message the server sends.
    mutating func next() async throws -> ReceivedResponse {
        guard let message = await responses.next() else { throw FixtureError("the server's output ended") }
        return try ReceivedResponse(message)
    }

    /// Checks the next two answers: request `first` cancelled (-32800), request `second`
    /// answered with `expected`'s hits, in whichever order they come.
    mutating func expectReplaced(_ first: Int, by second: Int, answering expected: SearchResult) async throws {
        var answers: [RequestID: ReceivedResponse] = [:]
        for _ in 0..<2 {
            let answer = try await next()
            answers[try #require(answer.id)] = answer
        }
        #expect(answers[.number(first)]?.error?.code == -32800)
        let symbols = try #require(try answers[.number(second)]?.decoded([SymbolInformation].self))
        #expect(symbols.count == expected.hits.count)
    }

    /// Initializes the server offering `encodings` (nil: no list, as LSP's default).
    mutating func initialize(encodings: [String]? = nil) async throws -> ReceivedResponse {
        let offered = encodings.map { #","capabilities":{"general":{"positionEncodings":\#(Self.json($0))}}"# } ?? ""
        await send(#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"processId":null\#(offered)}}"#)
        let response = try await next()
        await send(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#)
        return response
    }

    /// A `workspace/symbol` request.
    static func symbolRequest(id: Int, query: String) -> String {
        #"{"jsonrpc":"2.0","id":\#(id),"method":"workspace/symbol","params":{"query":\#(json(query))}}"#
    }

    static func json(_ value: some Encodable) -> String {
        String(decoding: (try? JSONEncoder().encode(value)) ?? Data(), as: UTF8.self)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension IndexedFolder {
    /// One index for every test that only reads it: a fresh build per test would cost time and,
    /// with other tests forking processes meanwhile, expose each build to Xapian's lock being
    /// held by a child for an instant. Removed when the test process exits.
    static let shared = Result { () throws -> IndexedFolder in
        let folder = try IndexedFolder(extra: [WorkspaceSymbolTests.greekArticle: WorkspaceSymbolTests.greekText])
        RemovedAtExit.add(folder.directory.url.path)
        return folder
    }
}

/// Folders of shared fixtures, whose deinit never runs, removed when the process exits.
private enum RemovedAtExit {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: [String] = []

    static func add(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        if paths.isEmpty { atexit { RemovedAtExit.removeAll() } }
        paths.append(path)
    }

    private static func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }
}
