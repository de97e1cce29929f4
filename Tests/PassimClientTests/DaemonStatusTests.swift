import PassimClient
import PassimProtocol
import Testing

@testable import PassimClient

/// `passim status`'s wording.
@Suite struct DaemonStatusTests {
    @Test(arguments: [
        (0.4, "0s"), (42.9, "42s"), (187, "3m 07s"), (7_387, "2h 03m 07s"), (360_180, "4d 04h 03m"),
    ])
    func uptimeIsShort(seconds: Double, shown: String) {
        #expect(DaemonStatus.duration(seconds) == shown)
    }

    @Test(arguments: [(0.4213, "0.42 ms"), (12.34, "12.3 ms"), (1250.4, "1250 ms")])
    func latencyKeepsThreeDigits(value: Double, shown: String) {
        #expect(DaemonStatus.milliseconds(value) == shown)
    }

    @Test(arguments: [
        (
            WatchInfo(index: IndexWatch(mode: .polling, reason: "remote shards", intervalMs: 250)),
            "index polled every 250 ms (remote shards); corpus off"
        ),
        (
            WatchInfo(
                index: IndexWatch(mode: .polling, reason: "no inotify", intervalMs: 1_500),
                corpus: CorpusWatch(roots: 1, folders: 1)),
            "index polled every 1500 ms (no inotify); corpus 1 folder under 1 root"
        ),
    ])
    func howTheDaemonWatchesIsOneRow(watching: WatchInfo, shown: String) {
        let stats = StatsResult(
            serverInfo: ServerInfo(name: "passim", version: "0.1.0"), protocolVersion: .current, index: nil,
            uptimeSeconds: 1, connections: ConnectionCounts(open: 1, total: 1),
            queries: QueryCounts(total: 0, failed: 0, cancelled: 0, deadlineExceeded: 0), latencyMs: nil,
            watching: watching)
        let rows = DaemonStatus(socket: "/run/p.sock", stats: stats).human.split(separator: "\n").map(String.init)
        #expect(rows.filter { $0.hasPrefix("watching") } == ["watching     " + shown])
    }

    @Test func aRunningDaemonIsOneAlignedRowPerFact() {
        let stats = StatsResult(
            serverInfo: ServerInfo(name: "passim", version: "0.1.0"), protocolVersion: .current,
            index: IndexInfo(
                path: "/home/ana/index", revision: 12, articles: 5, passages: 67,
                roots: [
                    IndexRoot(path: "/home/ana/corpus", label: "", kind: .folder),
                    IndexRoot(path: "/home/ana/notes", label: "notes", kind: .folder),
                    IndexRoot(path: "/tmp/paper.txt", label: "paper", kind: .file),
                ]),
            uptimeSeconds: 3_725, connections: ConnectionCounts(open: 2, total: 9),
            queries: QueryCounts(total: 120, failed: 2, cancelled: 1, deadlineExceeded: 0),
            latencyMs: LatencyPercentiles(p50: 1.234, p90: 3.5, p99: 18.25, samples: 120),
            watching: WatchInfo(
                index: IndexWatch(mode: .inotify, intervalMs: 10_000), corpus: CorpusWatch(roots: 3, folders: 14)))
        #expect(
            DaemonStatus(socket: "/tmp/passim-1000/passim.sock", stats: stats).human == """
                daemon       running (passim 0.1.0, protocol \(ProtocolVersion.current))
                socket       /tmp/passim-1000/passim.sock
                index        /home/ana/index
                revision     12
                articles     5
                passages     67
                root         /home/ana/corpus
                root         /home/ana/notes (ids notes/…)
                root         /tmp/paper.txt (id paper)
                watching     index by inotify, and a look every 10 s; corpus 14 folders under 3 roots
                uptime       1h 02m 05s
                connections  2 open, 9 since start
                queries      120 (2 failed, 1 cancelled, 0 past their deadline)
                latency      p50 1.23 ms, p90 3.50 ms, p99 18.2 ms (last 120 searches)

                """)
    }

    @Test func aMissingDaemonSaysWhyAndWhatToDo() throws {
        let status = DaemonStatus(socket: "/run/p.sock", unavailable: .connectionRefused(socket: "/run/p.sock"))
        #expect(!status.running)
        #expect(
            status.human.hasPrefix("daemon  not running\nsocket  /run/p.sock\nreason  nothing answers on /run/p.sock"))
        #expect(try status.json().hasPrefix(#"{"reason":"nothing answers on /run/p.sock"#))
        #expect(try status.json().hasSuffix(#""running":false,"socket":"/run/p.sock"}"# + "\n"))
    }
}
