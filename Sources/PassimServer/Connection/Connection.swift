import Logging
import NIOCore
import PassimProtocol
import PassimSocket

/// One client connection, from the peer check to the last reply.
///
/// Its event loop reads and frames the bytes and starts the requests that need no task
/// (`RequestPipeline`); the reader task acts on the other messages, one task per request.
/// Requests run concurrently and are answered as they finish, each answer written straight to
/// the channel; a failure of this connection never leaves it (the echo-server rule).
struct Connection {
    let channel: ConnectionChannel
    /// The peer's credentials, read when the connection was accepted.
    let peer: PeerCredentials?
    let runner: RequestRunner
    let admission: AcceptedConnection.Admission

    init(_ accepted: AcceptedConnection) {
        channel = accepted.channel
        peer = accepted.peer
        runner = accepted.runner
        admission = accepted.admission
    }

    private var services: ServerServices { runner.services }

    func run() async {
        services.accepted.take(channel)
        let state = runner.state
        let logger = runner.logger
        services.stats.connectionOpened()
        defer { services.stats.connectionClosed() }
        switch admission {
        case .untrusted:
            logUntrustedPeer(logger: logger)
            // executeThenClose also finishes the channel's writer, which NIO requires.
            try? await channel.executeThenClose { _, _ in }
            return
        case .refused(let limit):
            await refuse(limit: limit, logger: logger)
            return
        case .admitted:
            break
        }
        defer { services.connections.release() }
        logger.debug("connection opened")
        let channel = self.channel
        let services = self.services
        let runner = self.runner
        do {
            try await channel.executeThenClose { inbound, _ in
                services.connections.add(
                    ConnectionRegistry.Entry(
                        state: state, outbox: runner.outbox,
                        // Ends the inbound stream; requests already read still finish.
                        stopReading: { channel.channel.close(mode: .input, promise: nil) },
                        close: { channel.channel.close(promise: nil) }))
                defer { services.connections.remove(id: state.id) }
                await ConnectionReader(runner: runner).read(inbound)
                await Self.flushed(channel.channel)
            }
        } catch {
            logger.debug("connection closed with an error", metadata: ["error": "\(error)"])
        }
        logger.debug("connection closed")
    }

    /// Tells a client past the connection limit why, then closes: the descriptors it would
    /// take are kept for the index and for the connections already served.
    private func refuse(limit: Int, logger: Logger) async {
        if let refused = services.connections.refusalsToLog() {
            logger.warning(
                "refused connections: as many are open as the descriptor limit allows",
                metadata: [
                    "refused": "\(refused)", "open": "\(limit)",
                    "hint": "raise the daemon's descriptor limit (ulimit -n) or close clients",
                ])
        }
        let answer = ResponseEncoding.error(.tooManyConnections(limit: limit), id: nil)
        try? await channel.executeThenClose { _, outbound in
            try await outbound.write(ByteBuffer(bytes: Framing.lines.frame(answer)))
            await Self.flushed(channel.channel)
        }
    }

    /// Returns once every answer handed to `channel` has reached the kernel (or the peer is gone).
    ///
    /// Closing the channel drops what a slow reader has not taken yet, such as the
    /// notifications queued last. Writes complete in order, so an empty write's completion
    /// means all before it were written.
    private static func flushed(_ channel: any Channel) async {
        try? await channel.writeAndFlush(ByteBuffer()).get()
    }

    /// Says why a connection was refused its peer (`SO_PEERCRED`).
    private func logUntrustedPeer(logger: Logger) {
        guard let peer else {
            logger.warning("refused a connection whose peer cannot be identified")
            return
        }
        logger.warning(
            "refused a connection from another user", metadata: ["peerUID": "\(peer.uid)", "peerPID": "\(peer.pid)"])
    }
}
