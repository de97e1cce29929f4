import Foundation
import Logging
import PassimProtocol
import PassimServer

/// The Language Server Protocol side of Passim: the lifecycle (`initialize`, `initialized`,
/// `shutdown`, `exit`) and `workspace/symbol`, which answers ranked passages as symbols.
///
/// Messages are handed in one at a time (`receive`) and answered through `output`. Symbol
/// searches run as tasks, so the next message is read while one runs: as the user types, each
/// new `workspace/symbol` cancels the one still pending (answered `RequestCancelled`), and so
/// does `$/cancelRequest`. Bad input is answered with an error and never stops the server.
public actor LanguageServer {
    /// Where the server is in LSP's lifecycle.
    enum Phase { case awaitingInitialize, running, shutDown }

    /// `workspace/symbol` answers at most this many passages.
    public let limit: Int
    private let source: any PassageSource
    private let output: any LSPOutput
    private let version: String
    private let logger: Logger
    private let loader = SourceLoader()
    private var phase = Phase.awaitingInitialize
    private var encoding = PositionEncoding.utf16
    private var searches: [RequestID: Task<Void, Never>] = [:]

    /// A server answering from `source` through `output`.
    public init(source: any PassageSource, output: any LSPOutput, limit: Int = 50, version: String, logger: Logger) {
        self.source = source
        self.output = output
        self.limit = limit
        self.version = version
        self.logger = logger
    }

    /// The exit status LSP asks for when the client goes away now: 0 after `shutdown`, else 1.
    public var exitStatus: Int32 { phase == .shutDown ? 0 : 1 }

    /// Handles one message body. Returns the exit status when the message was `exit`, and the
    /// caller then stops reading.
    public func receive(_ body: [UInt8]) -> Int32? {
        switch LSPIncoming(body) {
        case .request(let id, let method, let params):
            handleRequest(id: id, method: method, params: params)
        case .notification(let method, let params):
            return handleNotification(method: method, params: params)
        case .response:
            break
        case .invalid(let error, let id):
            send(LSPResponse<NullResult>(id: id, outcome: .failure(error)))
        }
        return nil
    }

    /// Answers a message the framing could not deliver. One without a readable id is not
    /// answered when it may be a notification (an oversize `didOpen` of a big file).
    public func receive(_ error: FramingError) {
        if case .messageTooLarge(_, _, let id) = error {
            guard let id else { return }
            send(LSPResponse<NullResult>(id: id, outcome: .failure(.invalidRequest(error.responseError.message))))
            return
        }
        send(LSPResponse<NullResult>(id: nil, outcome: .failure(.parseError(error.responseError.message))))
    }

    /// Waits until every symbol search has been answered.
    public func drain() async {
        while let (_, task) = searches.first {
            await task.value
        }
    }

    private func handleRequest(id: RequestID, method: String, params: JSONValue?) {
        switch (phase, method) {
        case (.awaitingInitialize, "initialize"):
            initialize(id: id, params: params)
        case (.awaitingInitialize, _):
            send(LSPResponse<NullResult>(id: id, outcome: .failure(.serverNotInitialized)))
        case (.shutDown, _):
            send(LSPResponse<NullResult>(id: id, outcome: .failure(.invalidRequest("the server is shutting down"))))
        case (.running, "initialize"):
            send(LSPResponse<NullResult>(id: id, outcome: .failure(.invalidRequest("initialize was sent already"))))
        case (.running, "shutdown"):
            phase = .shutDown
            send(LSPResponse(id: id, outcome: .success(NullResult())))
        case (.running, "workspace/symbol"):
            searchSymbols(id: id, params: params)
        case (.running, _):
            send(LSPResponse<NullResult>(id: id, outcome: .failure(.methodNotFound(method))))
        }
    }

    private func handleNotification(method: String, params: JSONValue?) -> Int32? {
        switch method {
        case "exit":
            for task in searches.values { task.cancel() }
            return exitStatus
        case "$/cancelRequest":
            // A cancel that does not fit, or names no pending request, is ignored (LSP).
            if let cancel = try? LSPIncoming.decode(params, as: CancelParams.self) { searches[cancel.id]?.cancel() }
        default:
            // `initialized`, document notifications, and any other notification: nothing to do.
            break
        }
        return nil
    }

    private func initialize(id: RequestID, params: JSONValue?) {
        let initialize: InitializeParams
        do {
            initialize = try LSPIncoming.decode(params, as: InitializeParams.self)
        } catch {
            send(LSPResponse<NullResult>(id: id, outcome: .failure(error)))
            return
        }
        encoding = Self.negotiate(initialize.capabilities?.general?.positionEncodings)
        phase = .running
        logger.info(
            "initialized",
            metadata: ["client": "\(initialize.clientInfo?.name ?? "unnamed")", "encoding": "\(encoding.rawValue)"])
        let result = LSPInitializeResult(
            capabilities: .init(positionEncoding: encoding), serverInfo: .init(name: "passim", version: version))
        send(LSPResponse(id: id, outcome: .success(result)))
    }

    /// LSP 3.17: UTF-16 unless the client offers another. Of those offered, UTF-8 first (what
    /// Passim stores: no file is read to convert), then UTF-32, then UTF-16.
    static func negotiate(_ offered: [String]?) -> PositionEncoding {
        let offered = Set((offered ?? []).compactMap { PositionEncoding(rawValue: $0.lowercased()) })
        return [PositionEncoding.utf8, .utf32].first(where: offered.contains) ?? .utf16
    }

    private func searchSymbols(id: RequestID, params: JSONValue?) {
        let query: String
        do {
            query = try LSPIncoming.decode(params, as: WorkspaceSymbolParams.self).query
        } catch {
            send(LSPResponse<NullResult>(id: id, outcome: .failure(error)))
            return
        }
        // The user typed on: what is still pending is stale, and must not hold up this search.
        for task in searches.values { task.cancel() }
        let symbols = PassageSymbols(encoding: encoding, loader: loader)
        let (source, output, limit) = (source, output, limit)
        searches[id] = Task {
            let outcome = await Self.search(query, in: source, limit: limit, as: symbols)
            Self.send(LSPResponse(id: id, outcome: outcome), to: output)
            self.finished(id)
        }
    }

    /// The answer to one `workspace/symbol`: nothing for an empty query, `RequestCancelled`
    /// when its task was cancelled, whatever the source found.
    private static func search(
        _ query: String, in source: any PassageSource, limit: Int, as symbols: PassageSymbols
    ) async -> Result<[SymbolInformation], LSPError> {
        if query.allSatisfy(\.isWhitespace) { return .success([]) }
        do throws(PassageSourceError) {
            let result = try await source.search(query, limit: limit)
            return Task.isCancelled ? .failure(.requestCancelled) : .success(symbols.symbols(for: result))
        } catch {
            switch error {
            case .cancelled: return .failure(.requestCancelled)
            case .failed(let message): return .failure(.requestFailed(message))
            }
        }
    }

    private func finished(_ id: RequestID) {
        searches[id] = nil
    }

    private func send(_ response: LSPResponse<some Encodable & Sendable>) {
        Self.send(response, to: output)
    }

    private static func send(_ response: LSPResponse<some Encodable & Sendable>, to output: any LSPOutput) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode(response) else {
            // Every result is plain strings and numbers; this cannot fail, but must not crash.
            output.send(Array(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"encoding failed"}}"#.utf8))
            return
        }
        output.send(Array(data))
    }
}
