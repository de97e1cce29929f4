import NIOConcurrencyHelpers
import NIOCore
import PassimProtocol

/// Counters for `stats`: connections, searches by outcome, and recent search latencies.
final class ServerStats: Sendable {
    /// Latency percentiles are taken over this many most recent searches.
    static let latencyWindow = 1_000

    private struct State {
        var openConnections = 0
        var totalConnections = 0
        var queries = QueryCounts(total: 0, failed: 0, cancelled: 0, deadlineExceeded: 0)
        /// A ring of the last `latencyWindow` latencies in milliseconds.
        var latencies: [Double] = []
        var nextLatency = 0
    }

    private let started = NIODeadline.now()
    private let state = NIOLockedValueBox(State())

    var uptimeSeconds: Double {
        Double((NIODeadline.now() - started).nanoseconds) / 1e9
    }

    func connectionOpened() {
        state.withLockedValue {
            $0.openConnections += 1
            $0.totalConnections += 1
        }
    }

    func connectionClosed() {
        state.withLockedValue { $0.openConnections -= 1 }
    }

    var connections: ConnectionCounts {
        state.withLockedValue { ConnectionCounts(open: $0.openConnections, total: $0.totalConnections) }
    }

    var queries: QueryCounts {
        state.withLockedValue { $0.queries }
    }

    /// Records one search: its outcome and the time from receipt to reply.
    func recordSearch(error: ResponseError?, latency: TimeAmount) {
        state.withLockedValue { state in
            state.queries.total += 1
            switch error?.code {
            case nil: break
            case .some(.requestCancelled): state.queries.cancelled += 1
            case .some(.deadlineExceeded): state.queries.deadlineExceeded += 1
            case .some: state.queries.failed += 1
            }
            let milliseconds = Double(latency.nanoseconds) / 1e6
            if state.latencies.count < Self.latencyWindow {
                state.latencies.append(milliseconds)
            } else {
                state.latencies[state.nextLatency] = milliseconds
            }
            state.nextLatency = (state.nextLatency + 1) % Self.latencyWindow
        }
    }

    /// p50/p90/p99 (nearest rank) of the recent searches; nil before the first.
    var latency: LatencyPercentiles? {
        let samples = state.withLockedValue { $0.latencies }
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        func percentile(_ p: Double) -> Double {
            let rank = Int((p * Double(sorted.count)).rounded(.up))
            return sorted[min(sorted.count, max(1, rank)) - 1]
        }
        return LatencyPercentiles(
            p50: percentile(0.5), p90: percentile(0.9), p99: percentile(0.99), samples: sorted.count)
    }
}
