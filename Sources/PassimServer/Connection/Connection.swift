import Logging
import NIOCore
import PassimProtocol
import PassimSocket

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One client connection, from the peer check to the last reply.
///
/// Three things run per connection: the reader (framing, decoding, dispatch), one task per
/// request, and the writer draining the `Outbox`. Requests run concurrently and are answered as
/// they finish; a failure of this connection never leaves it (the echo-server rule).
struct Connection {
    let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
    /// The peer's credentials, read when the connection was accepted.
    let peer: PeerCredentials?
    let services: ServerServices
    let logger: Logger

    func run() async {
        services.accepted.take(channel)
        let state = ConnectionState(id: services.connections.makeID())
        var logger = self.logger
        logger[metadataKey: "connection"] = "\(state.id)"
        services.stats.connectionOpened()
        defer { services.stats.connectionClosed() }
        guard peerIsSameUser(logger: logger) else {
            // executeThenClose also finishes the channel's writer, which NIO requires.
            try? await channel.executeThenClose { _, _ in }
            return
        }
        let admission = services.connections.admit()
        guard admission.admitted else {
            await refuse(limit: admission.limit, logger: logger)
            return
        }
        defer { services.connections.release() }
        logger.debug("connection opened")
        let channel = self.channel
        let services = self.services
        do {
            try await channel.executeThenClose { inbound, outbound in
                let outbox = Outbox(logger: logger)
                let reader = ConnectionReader(
                    state: state, outbox: outbox, services: services, logger: logger,
                    channel: channel.channel)
                // A client that closes both sides (fzf kills a replaced `passim pick --lines`)
                // reads no answer: its searches stop rather than run for nobody. A half-close
                // closes only the input, so its answers still come.
                channel.channel.closeFuture.whenComplete { _ in reader.connectionClosed() }
                services.connections.add(
                    ConnectionRegistry.Entry(
                        state: state, outbox: outbox,
                        // Ends the inbound stream; requests already read still finish.
                        stopReading: { channel.channel.close(mode: .input, promise: nil) },
                        close: { channel.channel.close(promise: nil) }))
                defer { services.connections.remove(id: state.id) }
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await outbox.drain(into: outbound) }
                    await reader.read(inbound)
                    outbox.finish()
                }
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
    /// The outbox's writer returns when an answer is queued on the channel, not when it is
    /// written; closing the channel then would drop what a slow reader has not taken yet, which
    /// is every answer but the first few for a client that half-closes after sending. Writes
    /// complete in order, so an empty write's completion means all before it were written.
    private static func flushed(_ channel: any Channel) async {
        try? await channel.writeAndFlush(ByteBuffer()).get()
    }

    /// SO_PEERCRED: only the daemon's own user may talk to it, whatever the socket's mode.
    private func peerIsSameUser(logger: Logger) -> Bool {
        guard let peer else {
            logger.warning("refused a connection whose peer cannot be identified")
            return false
        }
        guard peer.uid == getuid() else {
            logger.warning(
                "refused a connection from another user",
                metadata: ["peerUID": "\(peer.uid)", "peerPID": "\(peer.pid)"])
            return false
        }
        return true
    }
}
