/// `stats`: what `passim status` shows: index counts, uptime, query counts and latency.
public struct StatsRequest: RequestType {
    public static let method = "stats"
    public typealias Response = StatsResult

    /// Memberwise initializer.
    public init() {}
}
