import Foundation
import PassimProtocol

/// Finds the daemon a command should use: the socket (`--socket`, else the default of
/// `SocketLocation`) and whether a daemon there serves the index the command works on.
public struct DaemonLocator: Sendable {
    /// What a lookup found.
    public enum Lookup: Sendable {
        /// A daemon serves the index; the connection is initialized and open (close it).
        case serving(DaemonClient, InitializeResult)
        /// A daemon answers but serves another index (`nil`: one it cannot open, so its path is
        /// unknown); the connection is closed already.
        case otherIndex(String?)
        /// No usable daemon: nothing at the socket, a stale socket, a timeout, an old protocol.
        case unavailable(ClientError)
    }

    /// The socket to look at.
    public let socketPath: String
    /// How long connecting and the handshake may take before the daemon counts as unavailable.
    public var timeout: Duration

    /// The socket `socket` when given, else `SocketLocation.defaultPath` for `environment`
    /// (by default this process's).
    public init(
        socket: String?, environment: [String: String]? = nil, userID: UInt32 = getuid(),
        timeout: Duration = .seconds(2)
    ) {
        socketPath =
            socket ?? SocketLocation.defaultPath(environment: environment ?? Self.socketEnvironment(), userID: userID)
        self.timeout = timeout
    }

    /// The variables the default socket path depends on, read one by one: a command that talks
    /// to the daemon once should not build a dictionary of its whole environment for two.
    static func socketEnvironment() -> [String: String] {
        var found: [String: String] = [:]
        for name in ["PASSIM_SOCKET", "XDG_RUNTIME_DIR"] {
            if let value = getenv(name) { found[name] = String(cString: value) }
        }
        return found
    }

    /// Connects without a handshake (for `stats` and `ping`, which do not care about the index).
    public func connect() async throws(ClientError) -> DaemonClient {
        // The common case of no daemon at all is answered without starting event-loop threads.
        guard FileManager.default.fileExists(atPath: socketPath) else { throw .notRunning(socket: socketPath) }
        return try await DaemonClient.connect(socketPath: socketPath, timeout: timeout)
    }

    /// Connects and runs `initialize`, keeping the connection only when the daemon speaks this
    /// protocol's major version and serves `indexDirectory`; `indexChanges` then hears every
    /// `index/didChange`.
    public func lookup(
        servingIndex indexDirectory: String, indexChanges: (@Sendable (IndexDidChangeNotification) -> Void)? = nil
    ) async -> Lookup {
        await lookup(servingIndex: indexDirectory, indexChanges: indexChanges) { _ in }.lookup
    }

    /// `lookup`, with `alongside` asking the daemon at once, before `initialize` is answered:
    /// one round trip instead of two for a process that connects to ask one thing (fzf's list
    /// helper, started anew for each keystroke). What `alongside` returns is kept only when the
    /// daemon serves `indexDirectory` (nil otherwise, and nil when nothing could connect).
    public func lookup<Value: Sendable>(
        servingIndex indexDirectory: String, indexChanges: (@Sendable (IndexDidChangeNotification) -> Void)? = nil,
        alongside: @escaping @Sendable (DaemonClient) async -> Value
    ) async -> (lookup: Lookup, value: Value?) {
        let client: DaemonClient
        do {
            client = try await connect()
        } catch {
            return (.unavailable(error), nil)
        }
        async let handshake = initialize(client, indexChanges: indexChanges)
        async let value = alongside(client)
        let found = await verdict(on: client, handshake: await handshake, servingIndex: indexDirectory)
        // Not serving: the connection is closed, so what `alongside` waits for ends at once.
        let answer = await value
        guard case .serving = found else { return (found, nil) }
        return (found, answer)
    }

    private func initialize(
        _ client: DaemonClient, indexChanges: (@Sendable (IndexDidChangeNotification) -> Void)?
    ) async -> Result<InitializeResult, ClientError> {
        do {
            return .success(try await client.initialize(timeout: timeout, indexChanges: indexChanges))
        } catch {
            return .failure(error)
        }
    }

    /// What `initialize`'s answer (or failure) says about `client`; closes it unless it serves
    /// `indexDirectory`.
    private func verdict(
        on client: DaemonClient, handshake: Result<InitializeResult, ClientError>, servingIndex indexDirectory: String
    ) async -> Lookup {
        let result: InitializeResult
        switch handshake {
        case .success(let answer):
            result = answer
        case .failure(let error):
            await client.close()
            return .unavailable(error)
        }
        guard result.protocolVersion.major == ProtocolVersion.current.major else {
            await client.close()
            return .unavailable(.incompatibleProtocol(socket: socketPath, version: result.protocolVersion))
        }
        guard let served = result.index?.path, Self.sameDirectory(served, indexDirectory) else {
            await client.close()
            return .otherIndex(result.index?.path)
        }
        return .serving(client, result)
    }

    /// Whether two paths name the same directory: both made absolute, standardized (`.`, `..`,
    /// trailing slashes) and with symbolic links resolved.
    public static func sameDirectory(_ first: String, _ second: String) -> Bool {
        canonical(first) == canonical(second)
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
