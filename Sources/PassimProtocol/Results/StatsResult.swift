/// The answer to `stats`.
public struct StatsResult: ResponseType {
    /// The server's name and release.
    public var serverInfo: ServerInfo
    /// The protocol version the server speaks.
    public var protocolVersion: ProtocolVersion
    /// Absent when the index cannot be opened.
    public var index: IndexInfo?
    /// Seconds since the server started.
    public var uptimeSeconds: Double
    /// Open and total connections.
    public var connections: ConnectionCounts
    /// Searches by outcome.
    public var queries: QueryCounts
    /// Latency of recent searches; absent before the first search.
    public var latencyMs: LatencyPercentiles?
    /// How the server follows the index and the corpus (protocol 1.7); absent from older servers.
    public var watching: WatchInfo?

    /// Memberwise initializer.
    public init(
        serverInfo: ServerInfo, protocolVersion: ProtocolVersion, index: IndexInfo?,
        uptimeSeconds: Double, connections: ConnectionCounts, queries: QueryCounts,
        latencyMs: LatencyPercentiles?, watching: WatchInfo? = nil
    ) {
        self.serverInfo = serverInfo
        self.protocolVersion = protocolVersion
        self.index = index
        self.uptimeSeconds = uptimeSeconds
        self.connections = connections
        self.queries = queries
        self.latencyMs = latencyMs
        self.watching = watching
    }
}

/// Client connections to the server.
public struct ConnectionCounts: Codable, Sendable, Hashable {
    /// Connected now (the one asking included).
    public var open: Int
    /// Accepted since start.
    public var total: Int

    /// Memberwise initializer.
    public init(open: Int, total: Int) {
        self.open = open
        self.total = total
    }
}

/// `search` requests since start, by outcome.
public struct QueryCounts: Codable, Sendable, Hashable {
    /// All searches received, whatever their outcome.
    public var total: Int
    /// Answered with an error other than cancellation or deadline.
    public var failed: Int
    /// Cancelled with `$/cancelRequest`.
    public var cancelled: Int
    /// Answered with `deadlineExceeded`.
    public var deadlineExceeded: Int

    /// Memberwise initializer.
    public init(total: Int, failed: Int, cancelled: Int, deadlineExceeded: Int) {
        self.total = total
        self.failed = failed
        self.cancelled = cancelled
        self.deadlineExceeded = deadlineExceeded
    }
}

/// Search latency percentiles in milliseconds, from receipt to reply, over the last `samples`
/// searches.
public struct LatencyPercentiles: Codable, Sendable, Hashable {
    /// Median.
    public var p50: Double
    /// 90th percentile.
    public var p90: Double
    /// 99th percentile.
    public var p99: Double
    /// How many recent searches the percentiles cover.
    public var samples: Int

    /// Memberwise initializer.
    public init(p50: Double, p90: Double, p99: Double, samples: Int) {
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.samples = samples
    }
}
