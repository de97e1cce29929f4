import Foundation
import PassimProtocol
import PassimTestSupport
import Testing

/// The README's writer host and search hosts: the writer keeps changesets and serves its index
/// folder with `xapian-replicate-server`; search hosts (network namespaces) pull their shard
/// with `xapian-replicate` and serve it with `xapian-tcpsrv`; the front host pulls the catalog
/// and searches them all as one index.
@Suite(
    .serialized,
    .enabled(
        if: NetworkNamespace.unavailableReason == nil && ReplicationMaster.unavailableReason == nil,
        "\(NetworkNamespace.unavailableReason ?? ReplicationMaster.unavailableReason ?? "")"))
struct ReplicationTests {
    /// What makes the writer keep changesets (README, "Scaling out").
    static let changesets = ["XAPIAN_MAX_CHANGESETS": "50"]
    static let queries = ["collagen scars", "marker1", "marker2", "marker3", "title:regeneration", "\"stem cell\""]

    static func ingest(_ arguments: [String], in dir: TemporaryDirectory, keepingChangesets: Bool = true) throws {
        let result = try PassimProcess.run(
            ["ingest", "--no-daemon"] + arguments, in: dir.url, environment: keepingChangesets ? changesets : [:])
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// A stub naming a replicated catalog and replicated or remote shards (`auto`: a replica
    /// folder holds xapian-replicate's own stub).
    static func writeStub(_ index: URL, shards: [String]) throws {
        try FileManager.default.createDirectory(at: index, withIntermediateDirectories: true)
        let stub = (["auto catalog"] + shards).joined(separator: "\n") + "\n"
        try Data(stub.utf8).write(to: index.appendingPathComponent("db"))
    }

    /// Every query answers on `index` as on the writer's `reference` (ids, scores, highlights).
    static func expectSameAnswers(
        _ index: String, as reference: String, in dir: TemporaryDirectory, daemon: Bool = false, _ context: String
    ) throws {
        for query in queries {
            let answer = try RemoteShardTests.search(reference, query, in: dir)
            let result = try RemoteShardTests.search(index, query, in: dir, daemon: daemon)
            // 1 when nothing matches (a marker of another version), as grep does.
            #expect(answer.status == 0 || answer.status == 1, "\(context) \(query): \(answer.stderr)")
            #expect(result.status == answer.status, "\(context) \(query): \(result.stderr)")
            guard result.status == answer.status else { return }
            let expected = try SearchJSON.decode(answer.stdout)
            RemoteShardTests.expectSame(try SearchJSON.decode(result.stdout), expected, "\(context) \(query)")
        }
    }

    /// Search hosts follow the writer by changesets, and the front's daemon follows them; a
    /// replica replaced by a full copy (as when the writer kept too few changesets) is served
    /// as well, the daemon reconnecting to it.
    @Test func searchHostsFollowTheWriter() throws {
        let dir = try TemporaryDirectory("passim-replication")
        try Repository.copyCorpus(into: dir, as: "seed")
        try SyntheticCorpus.write(version: 1, articles: 300, into: dir.file("notes"))
        try Self.ingest(["--index", "writer", "--shards", "2", "seed", "notes"], in: dir)

        let master = try ReplicationMaster(serving: dir.path("writer"), port: 7311)
        let hosts = try (0..<2).map { try NetworkNamespace(tag: 203, number: $0) }
        func pull(forceCopy: Bool = false) throws -> [(copies: Int, changesets: Int)] {
            let shards = try (0..<2).map { number in
                try master.pull(
                    "shards/\(number)", into: dir.path("host\(number)/shard"), from: hosts[number],
                    forceCopy: forceCopy)
            }
            try master.pull("catalog", into: dir.path("front/catalog"), forceCopy: forceCopy)
            return shards
        }
        _ = try pull()
        let servers = try (0..<2).map { try ShardServer(dir.path("host\($0)/shard"), in: hosts[$0]) }
        try Self.writeStub(dir.file("front"), shards: servers.map(\.stubLine))
        let daemon = try DaemonProcess(index: "front", in: dir)
        defer { daemon.stop() }
        try Self.expectSameAnswers("front", as: "writer", in: dir, daemon: true, "first pull")

        // New and changed articles reach the search hosts as changesets, not copies.
        try SyntheticCorpus.write(version: 2, articles: 320, into: dir.file("notes"))
        try Self.ingest(["--index", "writer", "--prune", "seed", "notes"], in: dir)
        let shipped = try pull()
        #expect(shipped.allSatisfy { $0.copies == 0 && $0.changesets > 0 }, "\(shipped)")
        let caughtUp = try daemon.waitForStats(in: dir) { $0.index?.articles == 325 }
        #expect(caughtUp.index?.articles == 325)
        try Self.expectSameAnswers("front", as: "writer", in: dir, daemon: true, "after changesets")

        // Changes the writer made with no changesets kept: each search host gets a new copy.
        try SyntheticCorpus.write(version: 3, articles: 310, into: dir.file("notes"))
        try Self.ingest(["--index", "writer", "--prune", "seed", "notes"], in: dir, keepingChangesets: false)
        let copied = try pull(forceCopy: true)
        #expect(copied.allSatisfy { $0.copies > 0 }, "\(copied)")
        let replaced = try daemon.waitForStats(in: dir) { $0.index?.articles == 315 }
        #expect(replaced.index?.articles == 315)
        try Self.expectSameAnswers("front", as: "writer", in: dir, daemon: true, "after new replicas")
        #expect(replaced.index?.shards?.map(\.state) == [.ok, .ok])
    }

    /// A sharded ingest killed at random moments, replicated after each kill: the replicas
    /// hold whole articles (the check passes, counting a shard commit the catalog has not
    /// applied), and once the writer finishes they answer as the writer does.
    @Test func aKilledShardedIngestReplicatesWholeArticles() throws {
        let dir = try TemporaryDirectory("passim-replication-kill")
        try SyntheticCorpus.write(version: 1, articles: 120, into: dir.file("live"))
        try Self.ingest(["--index", "writer", "--shards", "3", "live"], in: dir)
        let master = try ReplicationMaster(serving: dir.path("writer"), port: 7312)
        func pull() throws {
            try master.pull("catalog", into: dir.path("replica/catalog"))
            for number in 0..<3 { try master.pull("shards/\(number)", into: dir.path("replica/shards/\(number)")) }
        }
        try pull()
        try Self.writeStub(dir.file("replica"), shards: (0..<3).map { "auto shards/\($0)" })

        var generator = SeededGenerator(seed: 0x7E91_1CA7)
        var interrupted = 0
        for round in 0..<8 {
            try SyntheticCorpus.write(version: round % 2 == 0 ? 3 : 2, articles: 130 + round, into: dir.file("live"))
            // After a random one of the catalog's first 12 commits of the run (of about 27), a
            // moment later: counted in commits, not in time, which a loaded machine stretches.
            let commits = try CommitWatch(database: dir.path("writer/catalog"))
            let ingest = try PassimProcess.start(
                ["ingest", "--no-daemon", "--index", "writer", "--prune", "--batch-size", "5", "live"], in: dir.url,
                environment: Self.changesets)
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                #expect(commits.waitForCommit(timeout: 120), "round \(round): the ingest stopped committing")
            }
            let delay = Double.random(in: 0...0.02, using: &generator)
            Thread.sleep(forTimeInterval: delay)
            kill(ingest.processIdentifier, SIGKILL)
            ingest.waitUntilExit()
            if ingest.terminationReason == .uncaughtSignal { interrupted += 1 }
            try pull()
            let check = try PassimProcess.run(["check", "--index-only", "--index", "replica"], in: dir.url)
            #expect(check.status == 0, "round \(round), killed after \(delay)s: \(check.stdout)\(check.stderr)")
            if check.status != 0 { break }
        }
        #expect(interrupted >= 6, "only \(interrupted) of 8 kills interrupted an ingest")

        try Self.ingest(["--index", "writer", "--prune", "live"], in: dir)
        try pull()
        try Self.expectSameAnswers("replica", as: "writer", in: dir, "after the writer finished")
    }
}
