import Foundation
import PassimProtocol
import PassimTestSupport
import Testing

/// A front host searching shards that `xapian-tcpsrv` serves from other machines: network
/// namespaces joined by veth pairs stand in for the machines, one server in each.
@Suite(
    .serialized,
    .enabled(if: NetworkNamespace.unavailableReason == nil, "\(NetworkNamespace.unavailableReason ?? "")"))
struct RemoteShardTests {
    static let queries = [
        "collagen scars", "\"stem cell\"", "title:regeneration", "fibroblasts OR melanocytes", "colagen",
        "marker1 -collagen", "platelet NEAR/5 plasma", "skin", "+wound healing", "acne",
    ]

    /// The seed articles and a generated corpus, as one shard (`single`: one index whose equal
    /// scores go in article id order, as every sharded index's do) and as `shards` shards.
    static func indexes(_ dir: TemporaryDirectory, shards: [Int]) throws {
        try Repository.copyCorpus(into: dir, as: "seed")
        try SyntheticCorpus.write(version: 1, articles: 1_500, into: dir.file("notes"))
        let single = try PassimProcess.run(
            ["ingest", "--index", "single", "--shards", "1", "seed", "notes"], in: dir.url)
        #expect(single.status == 0, "\(single.stderr)")
        for count in shards {
            let sharded = try PassimProcess.run(
                ["ingest", "--index", "s\(count)", "--shards", String(count), "seed", "notes"], in: dir.url)
            #expect(sharded.status == 0, "\(sharded.stderr)")
        }
    }

    /// A front host's index: a copy of the catalog, and a stub naming the remote shards.
    static func front(_ name: String, catalogOf index: String, servers: [ShardServer], in dir: TemporaryDirectory)
        throws
    {
        let front = dir.file(name)
        try FileManager.default.createDirectory(at: front, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: dir.file(index).appendingPathComponent("catalog"), to: front.appendingPathComponent("catalog"))
        let stub = (["glass catalog"] + servers.map(\.stubLine)).joined(separator: "\n") + "\n"
        try Data(stub.utf8).write(to: front.appendingPathComponent("db"))
    }

    static func search(_ index: String, _ query: String, in dir: TemporaryDirectory, daemon: Bool = false) throws
        -> ProcessResult
    {
        try PassimProcess.run(
            ["search", "--index", index, "--json", "--limit", "50"] + (daemon ? [] : ["--no-daemon"]) + [query],
            in: dir.url)
    }

    /// The same hits (ids, ranks, highlights, corrections) with scores equal to 1e-9.
    static func expectSame(_ found: SearchResult, _ expected: SearchResult, _ context: String) {
        // Counted exactly up to the hits asked for and one more; past that Xapian estimates,
        // and each shard (remote ones more roughly) estimates its own share.
        if expected.estimatedTotal <= expected.hits.count + 1 {
            #expect(found.estimatedTotal == expected.estimatedTotal, "\(context)")
        } else {
            #expect(found.estimatedTotal > expected.hits.count, "\(context)")
        }
        #expect(found.correctedQuery == expected.correctedQuery, "\(context)")
        #expect(found.hits.map(\.passage.id) == expected.hits.map(\.passage.id), "\(context)")
        for (hit, reference) in zip(found.hits, expected.hits) {
            #expect(abs(hit.score - reference.score) <= 1e-9 * max(1, abs(reference.score)), "\(context)")
            #expect(hit.highlights == reference.highlights, "\(context) \(hit.passage.id)")
            #expect(hit.titleHighlights == reference.titleHighlights, "\(context) \(hit.passage.id)")
        }
    }

    @Test func remoteShardsAnswerAsOneIndex() throws {
        let dir = try TemporaryDirectory("passim-remote")
        try Self.indexes(dir, shards: [2, 4])
        let namespaces = try (0..<4).map { try NetworkNamespace(tag: 201, number: $0) }
        for count in [2, 4] {
            let servers = try (0..<count).map { number in
                try ShardServer(dir.file("s\(count)/shards/\(number)").path, in: namespaces[number], port: 3300 + count)
            }
            try Self.front("front\(count)", catalogOf: "s\(count)", servers: servers, in: dir)
            for query in Self.queries {
                let expected = try SearchJSON.decode(try Self.search("single", query, in: dir).stdout)
                #expect(!expected.hits.isEmpty, "\(query)")
                for index in ["s\(count)", "front\(count)"] {
                    let result = try Self.search(index, query, in: dir)
                    #expect(result.status == 0, "\(index) \(query): \(result.stderr)")
                    Self.expectSame(try SearchJSON.decode(result.stdout), expected, "\(index) \(query)")
                }
            }
            try Self.expectSameLookups(front: "front\(count)", as: "single", in: dir)
        }
    }

    /// `suggest`, `passage/get` and `article/get` answer through the front's daemon as through
    /// the one-shard index's: the spelling table and article records come from the catalog,
    /// the passages from the remote shards.
    static func expectSameLookups(front: String, as reference: String, in dir: TemporaryDirectory) throws {
        let hits = try SearchJSON.decode(try search(reference, "collagen scars", in: dir).stdout).hits.prefix(5)
        var requests: [(method: String, params: [String: Any])] = ["col", "fibro", "note", "regen"].map {
            ("suggest", ["prefix": $0, "limit": 10])
        }
        for hit in hits {
            requests.append(("passage/get", ["id": hit.passage.id, "context": 1]))
            requests.append(("article/get", ["id": hit.article.id, "includePassages": true]))
        }
        let frontDaemon = try DaemonProcess(index: front, in: dir, name: "lookups-front")
        defer { frontDaemon.stop() }
        let referenceDaemon = try DaemonProcess(index: reference, in: dir, name: "lookups-reference")
        defer { referenceDaemon.stop() }
        let found = try LineClient(socket: frontDaemon.socket).call(requests)
        let expected = try LineClient(socket: referenceDaemon.socket).call(requests)
        #expect(!hits.isEmpty)
        for (index, request) in requests.enumerated() {
            #expect(expected[index] != nil, "\(request.method) \(request.params)")
            #expect(found[index] == expected[index], "\(front): \(request.method) \(request.params)")
        }
        let completions = expected.first??["completions"] as? [Any]
        #expect(completions?.isEmpty == false, "suggest col")
    }

    /// Through the daemon: a shard killed, restarted, idle past the server's timeout, cut off
    /// and mended; searches fail with a clear error while a shard is gone and work again after.
    @Test func theDaemonRidesOutShardFaults() throws {
        let dir = try TemporaryDirectory("passim-remote-faults")
        try Self.indexes(dir, shards: [2])
        let namespaces = try (0..<2).map { try NetworkNamespace(tag: 202, number: $0) }
        let servers = try (0..<2).map { number in
            try ShardServer(dir.file("s2/shards/\(number)").path, in: namespaces[number], idleTimeout: 1_000)
        }
        try Self.front("front", catalogOf: "s2", servers: servers, in: dir)
        let daemon = try DaemonProcess(index: "front", in: dir)
        defer { daemon.stop() }
        let expected = try SearchJSON.decode(try Self.search("single", "collagen scars", in: dir).stdout)
        func searchesAsOneIndex(_ context: String) throws {
            let result = try Self.search("front", "collagen scars", in: dir, daemon: true)
            #expect(result.status == 0, "\(context): \(result.stderr)")
            if result.status == 0 { Self.expectSame(try SearchJSON.decode(result.stdout), expected, context) }
        }
        try searchesAsOneIndex("first search")
        let stats = try daemon.stats(in: dir)
        #expect(stats.index?.shards?.map(\.state) == [.ok, .ok])
        #expect(stats.index?.shards?.map(\.location) == servers.map(\.stubLine))
        // Another machine's commits reach no inotify here: the daemon polls, and says why.
        #expect(stats.watching?.index.mode == .polling)
        #expect(stats.watching?.index.reason == "remote shards")

        servers[1].stop()
        let down = try Self.search("front", "collagen scars", in: dir, daemon: true)
        #expect(down.status == 2)
        #expect(down.stderr.contains("cannot be reached"), "\(down.stderr)")
        try servers[1].start()
        try searchesAsOneIndex("after a restart")

        // Past the servers' idle timeout, every connection has been dropped.
        Thread.sleep(forTimeInterval: 1.5)
        try searchesAsOneIndex("after an idle timeout")

        try namespaces[0].setLink(up: false)
        let cut = try Self.search("front", "collagen scars", in: dir, daemon: true)
        #expect(cut.status == 2)
        #expect(cut.stderr.contains("cannot be reached"), "\(cut.stderr)")
        try namespaces[0].setLink(up: true)
        try searchesAsOneIndex("after the link came back")
    }
}
