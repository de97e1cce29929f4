import Foundation
import PassimProtocol

/// What `passim status` reports: whether a daemon answers on the socket, and its `stats`.
public struct DaemonStatus: Codable, Sendable, Hashable {
    /// True when a daemon answered `stats`.
    public var running: Bool
    /// The socket asked.
    public var socket: String
    /// The daemon's counters, when it runs.
    public var stats: StatsResult?
    /// Why no daemon could be asked, when it does not run.
    public var reason: String?

    /// A running daemon's status.
    public init(socket: String, stats: StatsResult) {
        running = true
        self.socket = socket
        self.stats = stats
    }

    /// The status when no daemon answered, and why.
    public init(socket: String, unavailable error: ClientError) {
        running = false
        self.socket = socket
        reason = error.description
    }

    /// Asks the daemon the locator points at.
    public static func check(_ locator: DaemonLocator) -> DaemonStatus {
        let connection: DaemonConnection
        do {
            connection = try locator.open()
        } catch {
            return DaemonStatus(socket: locator.socketPath, unavailable: error)
        }
        defer { connection.close() }
        do {
            return DaemonStatus(socket: locator.socketPath, stats: try connection.stats(timeout: locator.timeout))
        } catch {
            return DaemonStatus(socket: locator.socketPath, unavailable: error)
        }
    }

    /// One JSON object, keys sorted: `{"running", "socket", "stats"?, "reason"?}`.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// How the daemon notices other processes' commits, for people.
    static func describe(_ watch: IndexWatch) -> String {
        let interval = Self.interval(milliseconds: watch.intervalMs)
        switch watch.mode {
        case .inotify: return "by inotify, and a look every \(interval)"
        case .polling: return "polled every \(interval)" + (watch.reason.map { " (\($0))" } ?? "")
        }
    }

    /// What the corpus watcher watches, for people.
    static func describe(_ watch: CorpusWatch) -> String {
        "\(watch.folders) \(watch.folders == 1 ? "folder" : "folders") under \(watch.roots) "
            + (watch.roots == 1 ? "root" : "roots")
    }

    private static func interval(milliseconds: Int) -> String {
        milliseconds % 1_000 == 0 ? "\(milliseconds / 1_000) s" : "\(milliseconds) ms"
    }

    /// One shard's row: where it is, and its passages and revision, or why it cannot be read.
    static func describe(_ shard: ShardInfo) -> String {
        guard shard.state == .ok else { return "\(shard.location): unreachable (\(shard.problem ?? "no answer"))" }
        var text = "\(shard.location): \(shard.passages.map(String.init) ?? "?") passages"
        if let revision = shard.revision { text += ", revision \(revision)" }
        return text
    }

    /// Aligned `name value` lines for people.
    public var human: String {
        var rows: [(String, String)] = []
        guard running, let stats else {
            rows.append(("daemon", "not running"))
            rows.append(("socket", socket))
            if let reason { rows.append(("reason", reason)) }
            return Self.table(rows)
        }
        let server = "\(stats.serverInfo.name) \(stats.serverInfo.version), protocol \(stats.protocolVersion)"
        rows.append(("daemon", "running (\(server))"))
        rows.append(("socket", socket))
        if let index = stats.index {
            rows.append(("index", index.path))
            rows.append(("revision", String(index.revision)))
            rows.append(("articles", String(index.articles)))
            rows.append(("passages", String(index.passages)))
            for (number, shard) in (index.shards ?? []).enumerated() {
                rows.append(("shard \(number)", Self.describe(shard)))
            }
            for root in index.roots ?? [] {
                switch (root.kind, root.label.isEmpty) {
                case (.folder, true): rows.append(("root", root.path))
                case (.folder, false): rows.append(("root", "\(root.path) (ids \(root.label)/…)"))
                case (.file, _): rows.append(("root", "\(root.path) (id \(root.label))"))
                }
            }
        } else {
            rows.append(("index", "unavailable (the daemon cannot open its index; run `passim ingest`)"))
        }
        if let watching = stats.watching {
            let corpus = watching.corpus.map(Self.describe) ?? "off"
            rows.append(("watching", "index \(Self.describe(watching.index)); corpus \(corpus)"))
        }
        rows.append(("uptime", Self.duration(stats.uptimeSeconds)))
        rows.append(("connections", "\(stats.connections.open) open, \(stats.connections.total) since start"))
        let queries = stats.queries
        let counts =
            "\(queries.total) (\(queries.failed) failed, \(queries.cancelled) cancelled, "
            + "\(queries.deadlineExceeded) past their deadline)"
        rows.append(("queries", counts))
        if let latency = stats.latencyMs {
            let percentiles =
                "p50 \(Self.milliseconds(latency.p50)), p90 \(Self.milliseconds(latency.p90)), "
                + "p99 \(Self.milliseconds(latency.p99)) (last \(latency.samples) searches)"
            rows.append(("latency", percentiles))
        } else {
            rows.append(("latency", "no searches yet"))
        }
        return Self.table(rows)
    }

    private static func table(_ rows: [(String, String)]) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { name, value in
            name + String(repeating: " ", count: width - name.count + 2) + value + "\n"
        }.joined()
    }

    /// `42s`, `3m 07s`, `2h 03m 07s`, `4d 02h 03m`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(max(0, seconds).rounded(.down))
        let (days, hours, minutes, secs) = (total / 86_400, total / 3_600 % 24, total / 60 % 60, total % 60)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        if days > 0 { return "\(days)d \(two(hours))h \(two(minutes))m" }
        if hours > 0 { return "\(hours)h \(two(minutes))m \(two(secs))s" }
        if minutes > 0 { return "\(minutes)m \(two(secs))s" }
        return "\(secs)s"
    }

    /// `0.42 ms`, `12.3 ms`, `1250 ms`.
    static func milliseconds(_ value: Double) -> String {
        let digits = value < 10 ? 2 : value < 100 ? 1 : 0
        return String(format: "%.\(digits)f ms", value)
    }
}
