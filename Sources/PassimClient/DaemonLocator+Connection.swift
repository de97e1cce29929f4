import PassimProtocol

extension DaemonLocator {
    /// What a lookup with a blocking `DaemonConnection` found (see `Lookup`).
    public enum ConnectionLookup {
        /// A daemon serves the index at `index`; the connection is initialized and open (close it).
        case serving(DaemonConnection, index: String)
        /// A daemon answers but serves another index (`nil`: one it cannot open); the
        /// connection is closed already.
        case otherIndex(String?)
        /// No usable daemon: nothing at the socket, a stale socket, a timeout, an old protocol.
        case unavailable(ClientError)
    }

    /// A lookup whose handshake is on its way: the command finds its own index meanwhile, then
    /// `finish` says whether the daemon serves it.
    public struct StartedLookup {
        private let locator: DaemonLocator
        private let started: Result<(DaemonConnection, DaemonConnection.PendingHandshake), ClientError>

        init(_ locator: DaemonLocator) {
            self.locator = locator
            do {
                let connection = try locator.open()
                do {
                    started = .success((connection, try connection.startInitialize(timeout: locator.timeout)))
                } catch {
                    connection.close()
                    started = .failure(error)
                }
            } catch {
                started = .failure(error)
            }
        }

        /// Reads the handshake, keeping the connection only when the daemon speaks this
        /// protocol's major version and serves `indexDirectory`, or, when that is nil, any
        /// index it can open.
        public func finish(servingIndex indexDirectory: String?) -> ConnectionLookup {
            let connection: DaemonConnection
            let handshake: DaemonHandshake
            switch started {
            case .failure(let error):
                return .unavailable(error)
            case .success(let (opened, pending)):
                connection = opened
                do {
                    handshake = try connection.finish(pending)
                } catch {
                    connection.close()
                    return .unavailable(error)
                }
            }
            guard handshake.protocolVersion.major == ProtocolVersion.current.major else {
                connection.close()
                return .unavailable(
                    .incompatibleProtocol(socket: locator.socketPath, version: handshake.protocolVersion))
            }
            guard let served = handshake.indexPath, indexDirectory.map({ sameDirectory(served, $0) }) ?? true
            else {
                connection.close()
                return .otherIndex(handshake.indexPath)
            }
            return .serving(connection, index: served)
        }

        private func sameDirectory(_ first: String, _ second: String) -> Bool {
            DaemonLocator.sameDirectory(first, second)
        }
    }

    /// A blocking connection without a handshake (for `stats` and `shutdown`, which do not care
    /// about the index), for a command that asks one thing and exits.
    public func open() throws(ClientError) -> DaemonConnection {
        try DaemonConnection.open(socketPath: socketPath, timeout: timeout)
    }

    /// Connects and sends `initialize`; its answer is read by `finish` on what this returns.
    public func startLookup() -> StartedLookup {
        StartedLookup(self)
    }

    /// Connects and runs `initialize` (see `StartedLookup.finish`).
    public func find(servingIndex indexDirectory: String?) -> ConnectionLookup {
        startLookup().finish(servingIndex: indexDirectory)
    }
}
