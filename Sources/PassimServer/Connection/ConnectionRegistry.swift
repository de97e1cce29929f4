import NIOConcurrencyHelpers
import NIOCore

/// The open connections, for broadcasting notifications and for draining them at shutdown.
final class ConnectionRegistry: Sendable {
    /// What the registry needs of a connection.
    struct Entry: Sendable {
        var state: ConnectionState
        var outbox: Outbox
        /// Stops reading the connection (shutdown): in-flight requests still finish.
        var stopReading: @Sendable () -> Void
        /// Closes the connection at once, dropping unwritten answers.
        var close: @Sendable () -> Void
    }

    private struct State {
        var entries: [Int: Entry] = [:]
        var nextID = 1
        var shuttingDown = false
        /// Connections admitted and not yet finished, and how many may be.
        var admitted = 0
        var maxConnections = Int.max
        /// Refusals not yet logged, and when the last log line about them was written.
        var unloggedRefusals = 0
        var lastRefusalLog: NIODeadline?
    }

    /// How often refused connections are logged at most: a client retrying in a loop must not
    /// fill the log.
    static let refusalLogInterval = TimeAmount.seconds(10)

    private let state = NIOLockedValueBox(State())

    /// Sets how many connections may be open at once (see `DescriptorBudget`).
    func limit(to maxConnections: Int) {
        state.withLockedValue { $0.maxConnections = max(1, maxConnections) }
    }

    /// Admits one more connection unless as many as allowed are open; the caller calls
    /// `release` when an admitted connection ends. Returns the limit when it is refused.
    func admit() -> (admitted: Bool, limit: Int) {
        state.withLockedValue { state in
            guard state.admitted < state.maxConnections else { return (false, state.maxConnections) }
            state.admitted += 1
            return (true, state.maxConnections)
        }
    }

    /// Counts a refused connection; returns how many to log now (this one and those not logged
    /// yet), or nil while the last log line about refusals is recent.
    func refusalsToLog(now: NIODeadline = .now()) -> Int? {
        state.withLockedValue { state in
            state.unloggedRefusals += 1
            if let last = state.lastRefusalLog, now - last < Self.refusalLogInterval { return nil }
            defer { state.unloggedRefusals = 0 }
            state.lastRefusalLog = now
            return state.unloggedRefusals
        }
    }

    /// Ends an admitted connection.
    func release() {
        state.withLockedValue { $0.admitted -= 1 }
    }

    /// A fresh connection id.
    func makeID() -> Int {
        state.withLockedValue { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
    }

    /// Adds a connection; if the server is already shutting down it is told to stop at once.
    func add(_ entry: Entry) {
        let stopNow = state.withLockedValue { state in
            state.entries[entry.state.id] = entry
            return state.shuttingDown
        }
        if stopNow { entry.stopReading() }
    }

    func remove(id: Int) {
        state.withLockedValue { _ = $0.entries.removeValue(forKey: id) }
    }

    var isShuttingDown: Bool { state.withLockedValue { $0.shuttingDown } }

    /// Posts an encoded `index/didChange` to every connection that asked for it in
    /// `initialize`, each in its own framing.
    func broadcastIndexChange(_ message: [UInt8]) {
        let subscribers = state.withLockedValue { Array($0.entries.values) }.filter { $0.state.wantsIndexDidChange }
        for entry in subscribers {
            entry.outbox.post(entry.state.framing.frame(message))
        }
    }

    /// Closes every connection still open (the end of the shutdown grace period); returns how
    /// many there were.
    @discardableResult
    func closeAll() -> Int {
        let entries = state.withLockedValue { Array($0.entries.values) }
        for entry in entries { entry.close() }
        return entries.count
    }

    /// Marks the server as stopping and stops reading every connection.
    func beginShutdown() {
        let entries = state.withLockedValue { state in
            state.shuttingDown = true
            return Array(state.entries.values)
        }
        for entry in entries { entry.stopReading() }
    }
}
