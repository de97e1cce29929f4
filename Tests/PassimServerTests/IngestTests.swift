import Foundation
import NIOCore
import PassimCore
import PassimProtocol
import PassimServer
import PassimTestSupport
import Testing

/// `ingest` inside the daemon while clients search; `index/didChange` and `$/progress`.
@Suite struct IngestTests {
    @Test func searchersSeeTheOldOrTheNewArticleNeverHalf() async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let file = server.corpus + "/" + VersionedArticle.name
        let versions = [
            "alphamarker": VersionedArticle.text(marker: "alphamarker", paragraphs: 6),
            "betamarker": VersionedArticle.text(marker: "betamarker", paragraphs: 9),
        ]
        let admin = try server.client()
        try versions["alphamarker", default: ""].write(toFile: file, atomically: false, encoding: .utf8)
        let first = try await admin.call("ingest", params: ["paths": [.string(file)]])
        #expect(first["result"]?["added"] == 1, "\(first)")
        let searcher = try Searcher(layout: IndexLayout(directory: server.index))
        let alphaCount = try searcher.search(SearchParameters(query: "alphamarker", limit: 100)).hits.count
        #expect(alphaCount >= 4)

        let done = Flag()
        let socket = server.socket
        let observed = Counter()
        let failures = await concurrently(5) { index in
            if index == 0 {
                defer { done.set() }
                do {
                    let writer = try TestClient(socket: socket)
                    for round in 0..<10 {
                        let marker = round.isMultiple(of: 2) ? "betamarker" : "alphamarker"
                        try versions[marker, default: ""].write(toFile: file, atomically: false, encoding: .utf8)
                        let answer = try writer.call("ingest", params: ["paths": [.string(file)]])
                        guard answer["result"]?["updated"] == 1 else { return "ingest round \(round): \(answer)" }
                    }
                    return nil
                } catch {
                    return "writer: \(error)"
                }
            }
            do {
                let client = try TestClient(socket: socket)
                var counts: [String: Set<Int>] = [:]
                for _ in 0..<2_000 where !done.isSet {
                    let answer = try client.call(
                        "search", params: ["query": "alphamarker OR betamarker", "limit": 100])
                    guard let hits = answer["result"]?["hits"]?.array else { return "searcher \(index): \(answer)" }
                    let texts = hits.compactMap { $0["passage"]?["text"]?.string }
                    let alpha = texts.filter { $0.contains("alphamarker") }.count
                    let beta = texts.filter { $0.contains("betamarker") }.count
                    guard alpha == 0 || beta == 0 else { return "searcher \(index) saw both versions at once" }
                    counts[alpha > 0 ? "alphamarker" : "betamarker", default: []].insert(texts.count)
                    observed.add()
                }
                // Each version is always seen whole: one passage count per version.
                if counts.values.contains(where: { $0.count != 1 }) {
                    return "searcher \(index) saw a version with varying passage counts: \(counts)"
                }
                if let alpha = counts["alphamarker"], alpha != [alphaCount] {
                    return "searcher \(index) saw \(alpha) alpha passages, not \(alphaCount)"
                }
                return nil
            } catch {
                return "searcher \(index): \(error)"
            }
        }
        #expect(failures.isEmpty, "\(failures)")
        #expect(observed.value > 0)
        try searcher.refresh()
        let finalHits = try searcher.search(SearchParameters(query: "alphamarker OR betamarker", limit: 100)).hits
        #expect(finalHits.allSatisfy { $0.passage.text.contains("alphamarker") })
        #expect(finalHits.count == alphaCount)
    }

    @Test func daemonIngestSendsProgressThenDidChangeThenTheAnswer() async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let subscriber = try server.client()
        _ = try await subscriber.call(
            "initialize", params: ["capabilities": ["notifications": ["indexDidChange": true]]])
        let bystander = try server.client()
        _ = try await bystander.call("initialize")

        let writer = try server.client(.contentLength)
        _ = try await writer.call("initialize", params: ["capabilities": ["notifications": ["indexDidChange": true]]])
        let file = server.corpus + "/" + VersionedArticle.name
        try VersionedArticle.text(marker: "gammamarker", paragraphs: 3).write(
            toFile: file, atomically: false, encoding: .utf8)
        let id = try await writer.request(
            "ingest", params: ["paths": [.string(server.corpus)], "workDoneToken": "tok-1"])
        var sequence: [String] = []
        var reports: [Int] = []
        while true {
            let message = try #require(try await writer.next())
            if message["id"] == .int(id) {
                #expect(message["result"]?["added"] == 1, "\(message)")
                #expect(message["result"]?["unchanged"] == 5)
                #expect((message["result"]?["revision"]?.int ?? 0) > 0)
                sequence.append("answer")
                break
            }
            let method = try #require(message["method"]?.string)
            if method == "$/progress" {
                #expect(message["params"]?["token"] == "tok-1")
                let kind = try #require(message["params"]?["value"]?["kind"]?.string)
                if kind == "report" { reports.append(try #require(message["params"]?["value"]?["done"]?.int)) }
                if sequence.last != kind || kind != "report" { sequence.append(kind) }
            } else {
                sequence.append(method)
            }
        }
        #expect(sequence == ["begin", "report", "end", "index/didChange", "answer"])
        #expect(reports == Array(1...6))

        let change = try await subscriber.notification("index/didChange")
        #expect(change["params"]?["added"] == [.string(VersionedArticle.id)])
        #expect(change["params"]?["updated"] == [])
        #expect(change["params"]?["removed"] == [])
        // A client that did not ask gets nothing: its next message is its own answer.
        let ping = try await bystander.request("ping")
        #expect(try await bystander.next()?["id"] == .int(ping))
    }

    /// Writes the versioned article into the server's corpus and ingests it with `passim ingest`,
    /// as another process; returns the file's path.
    static func ingestVersionedArticle(marker: String, paragraphs: Int, with server: ServerFixture) async throws
        -> String
    {
        let file = server.corpus + "/" + VersionedArticle.name
        try VersionedArticle.text(marker: marker, paragraphs: paragraphs).write(
            toFile: file, atomically: false, encoding: .utf8)
        let run = try await PassimBinary.run(["ingest", "--index", server.index, file])
        #expect(run.status == 0, "\(run.stderr)")
        return file
    }

    /// A daemon that checks the revision only when inotify says the index's files changed:
    /// the timers are set past any test's length, so a notification can only come from a watch.
    static let watchedOnly: @Sendable (inout ServerConfiguration) -> Void = {
        $0.watchInterval = .hours(1)
        $0.watchedIndexRecheck = .hours(1)
    }

    /// A client subscribed to `index/didChange`, once `stats` says the index is watched (where
    /// inotify cannot watch the test's folders, the tests below would wait for an hour's poll).
    static func watchedSubscriber(_ server: ServerFixture) async throws -> TestClient {
        let subscriber = try server.client()
        _ = try await subscriber.call(
            "initialize", params: ["capabilities": ["notifications": ["indexDidChange": true]]])
        let mode = try await subscriber.call("stats")["result"]?["watching"]?["index"]?["mode"]
        try #require(mode == "inotify", "the daemon cannot watch \(server.index) with inotify")
        return subscriber
    }

    /// Also for a sharded index, whose changes the daemon reads from the catalog's journal.
    @Test(arguments: [nil, 3] as [Int?]) func anExternalIngestIsNoticedAndAnnounced(shards: Int?) async throws {
        let server = try await ServerFixture(shards: shards, configure: Self.watchedOnly)
        defer { server.stop() }
        let subscriber = try await Self.watchedSubscriber(server)
        let file = try await Self.ingestVersionedArticle(marker: "deltamarker", paragraphs: 3, with: server)
        let change = try await subscriber.notification("index/didChange")
        #expect(change["params"]?["added"] == [.string(VersionedArticle.id)])
        // Searches after the notification see the new article, without a restart.
        let answer = try await subscriber.call("search", params: ["query": "deltamarker"])
        #expect(answer["result"]?["hits"]?[0]?["article"]?["id"] == .string(VersionedArticle.id), "\(answer)")

        try FileManager.default.removeItem(atPath: file)
        let pruned = try await PassimBinary.run(["ingest", "--prune", "--index", server.index, server.corpus])
        #expect(pruned.status == 0, "\(pruned.stderr)")
        let removal = try await subscriber.notification("index/didChange")
        #expect(removal["params"]?["removed"] == [.string(VersionedArticle.id)])
        #expect(removal["params"]?["added"] == [])
    }

    @Test func anIndexBuiltUnderARunningDaemonIsAnnouncedAsAWholeChange() async throws {
        // The daemon starts before there is an index; `passim ingest` then builds one whole. The
        // journal cannot say what changed since "no index", so the lists are empty, which
        // PROTOCOL.md defines as "refresh everything".
        let server = try await ServerFixture(ingest: false, configure: Self.watchedOnly)
        defer { server.stop() }
        let subscriber = try await Self.watchedSubscriber(server)
        let run = try await PassimBinary.run(["ingest", "--index", server.index, server.corpus])
        #expect(run.status == 0, "\(run.stderr)")
        let change = try await subscriber.notification("index/didChange")
        #expect(change["params"]?["added"] == [], "\(change)")
        #expect(change["params"]?["updated"] == [])
        #expect(change["params"]?["removed"] == [])
        let answer = try await subscriber.call("search", params: ["query": "stem cells"])
        #expect(answer["result"]?["hits"]?[0] != nil, "\(answer)")
    }

    /// The index deleted and built again, single or sharded either way: the folders the daemon
    /// watched are gone, and it must watch the new ones to see what comes after.
    @Test(arguments: [(nil, nil), (nil, 3), (3, nil)] as [(Int?, Int?)])
    func anIndexRebuiltUnderARunningDaemonIsWatchedAfresh(before: Int?, after: Int?) async throws {
        let server = try await ServerFixture(shards: before, configure: Self.watchedOnly)
        defer { server.stop() }
        let subscriber = try await Self.watchedSubscriber(server)
        try FileManager.default.removeItem(atPath: server.index)
        let rebuilt = try await PassimBinary.run(
            ["ingest", "--index", server.index] + (after.map { ["--shards", String($0)] } ?? []) + [server.corpus])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        let whole = try await subscriber.notification("index/didChange")
        #expect(whole["params"]?["added"] == [], "\(whole)")

        _ = try await Self.ingestVersionedArticle(marker: "rebuiltmarker", paragraphs: 2, with: server)
        // A sharded build may have committed more than once: skip what it announced after the first.
        var change = try await subscriber.notification("index/didChange")
        while change["params"]?["added"] == [] { change = try await subscriber.notification("index/didChange") }
        #expect(change["params"]?["added"] == [.string(VersionedArticle.id)], "\(change)")
        let answer = try await subscriber.call("search", params: ["query": "rebuiltmarker"])
        #expect(answer["result"]?["hits"]?[0]?["article"]?["id"] == .string(VersionedArticle.id), "\(answer)")
    }

    @Test func inlineTextIsIngestedUnderItsName() async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let client = try server.client()
        let text = VersionedArticle.text(marker: "epsilonmarker", paragraphs: 2)
        let answer = try await client.call("ingest", params: ["text": .string(text), "name": "notes/draft.md"])
        #expect(answer["result"]?["added"] == 1, "\(answer)")
        let search = try await client.call("search", params: ["query": "epsilonmarker"])
        #expect(search["result"]?["hits"]?[0]?["article"]?["id"] == "notes/draft", "\(search)")
        let again = try await client.call("ingest", params: ["text": .string(text), "name": "notes/draft.md"])
        #expect(again["result"]?["unchanged"] == 1, "\(again)")
    }

    /// A terabyte file in the folder is one failure among the files; before, the daemon
    /// tried to allocate it and died. `maxFileBytes` raises or lowers the limit.
    @Test func aFileOverTheSizeLimitFailsAloneAndTheDaemonKeepsServing() async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let client = try server.client()
        let folder = server.directory.path("big")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try VersionedArticle.text(marker: "thetamarker", paragraphs: 2).write(
            toFile: folder + "/small.txt", atomically: false, encoding: .utf8)
        #expect(FileManager.default.createFile(atPath: folder + "/huge.txt", contents: nil))
        #expect(truncate(folder + "/huge.txt", 1 << 40) == 0)

        let answer = try await client.call("ingest", params: ["paths": [.string(folder)]])
        #expect(answer["result"]?["added"] == 1, "\(answer)")
        #expect(answer["result"]?["failed"] == 1, "\(answer)")
        #expect(answer["result"]?["failures"]?[0]?["path"]?.string == folder + "/huge.txt", "\(answer)")
        #expect(answer["result"]?["failures"]?[0]?["message"]?.string?.contains("more than the 64 MiB") == true)
        #expect(try await client.call("search", params: ["query": "thetamarker"])["result"]?["hits"]?[0] != nil)

        let lowered = try await client.call("ingest", params: ["paths": [.string(folder)], "maxFileBytes": 10])
        #expect(lowered["result"]?["failed"] == 2, "\(lowered)")
        let refused = try await client.call("ingest", params: ["paths": [.string(folder)], "maxFileBytes": 0])
        #expect(refused.errorCode == ErrorCode.invalidParams.rawValue, "\(refused)")
    }

    /// An inline name too long for the index is the request's invalid param (before, Xapian's
    /// "Key too long" came back as indexUnavailable).
    @Test func anInlineNameTooLongForTheIndexIsAnInvalidParam() async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let client = try server.client()
        let name = String(repeating: "n", count: 250) + ".md"
        let text = VersionedArticle.text(marker: "iotamarker", paragraphs: 2)
        let answer = try await client.call("ingest", params: ["text": .string(text), "name": .string(name)])
        #expect(answer.errorCode == ErrorCode.invalidParams.rawValue, "\(answer)")
        #expect(answer["error"]?["message"]?.string?.contains("at most 236") == true, "\(answer)")
        #expect(try await client.call("ping")["result"] == [:])
    }

    @Test func anExternalWriterMakesIngestAnswerWriterBusy() async throws {
        let server = try await ServerFixture()
        defer { server.stop() }
        let client = try server.client()
        let file = server.corpus + "/" + VersionedArticle.name
        try VersionedArticle.text(marker: "zetamarker", paragraphs: 2).write(
            toFile: file, atomically: false, encoding: .utf8)
        // This test process holds the index's write lock, like a running `passim ingest`.
        let holder = try IndexWriter(layout: IndexLayout(directory: server.index))
        let busy = try await client.call("ingest", params: ["paths": [.string(file)]])
        #expect(busy.errorCode == ErrorCode.writerBusy.rawValue, "\(busy)")
        // Searches go on meanwhile.
        #expect(try await client.call("search", params: ["query": "acne"])["result"] != nil)
        try holder.close()
        let done = try await client.call("ingest", params: ["paths": [.string(file)]])
        #expect(done["result"]?["added"] == 1, "\(done)")
    }

    @Test func aSecondConcurrentIngestIsBusy() async throws {
        let gate = Gate()
        defer { gate.open() }
        let server = try await ServerFixture(handlers: .holdingIngests(at: gate))
        defer { server.stop() }
        let bulk = server.directory.path("bulk")
        try FileManager.default.createDirectory(atPath: bulk, withIntermediateDirectories: true)
        for index in 0..<3 {
            try VersionedArticle.text(marker: "bulk\(index)marker", paragraphs: 3)
                .write(toFile: "\(bulk)/b\(index).txt", atomically: false, encoding: .utf8)
        }
        let first = try server.client()
        let id = try await first.request("ingest", params: ["paths": [.string(bulk)], "workDoneToken": 1])
        #expect(try await first.notification("$/progress")["params"]?["value"]?["kind"] == "begin")
        // The writer stops at the gate after its first article: the first ingest is writing.
        #expect(try await first.notification("$/progress")["params"]?["value"]?["kind"] == "report")
        let second = try server.client()
        let busy = try await second.call("ingest", params: ["text": "Title\n\nSome text about skin.", "name": "x.txt"])
        #expect(busy.errorCode == ErrorCode.writerBusy.rawValue, "\(busy)")
        gate.open()
        let answer = try await first.response(id: .int(id), timeout: 300)
        #expect(answer["result"]?["added"] == 3, "\(answer)")
    }
}

extension IngestTests {
    @Test func aCancelledIngestStopsAfterAWholeArticle() async throws {
        let gate = Gate()
        defer { gate.open() }
        let server = try await ServerFixture(handlers: .holdingIngests(at: gate))
        defer { server.stop() }
        let bulk = server.directory.path("bulk")
        try FileManager.default.createDirectory(atPath: bulk, withIntermediateDirectories: true)
        for index in 0..<20 {
            try VersionedArticle.text(marker: "cancel\(index)marker", paragraphs: 3)
                .write(toFile: "\(bulk)/c\(index).txt", atomically: false, encoding: .utf8)
        }
        let client = try server.client()
        let id = try await client.request("ingest", params: ["paths": [.string(bulk)], "workDoneToken": "c"])
        // Held after its first article, the ingest is cancelled mid-way.
        _ = try await client.notification("$/progress")
        _ = try await client.notification("$/progress")
        try await client.notify("$/cancelRequest", params: ["id": .int(id)])
        // The daemon reads a connection in order: once the ping is answered, the cancel is in.
        #expect(try await client.call("ping")["result"] == [:])
        gate.open()
        let answer = try await client.response(id: .int(id), timeout: 300)
        #expect(answer.errorCode == ErrorCode.requestCancelled.rawValue, "\(answer)")
        // What was written stays, whole; the rest was not started.
        let report = try IndexChecker(layout: IndexLayout(directory: server.index)).check()
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.articles > 5)
        #expect(report.articles < 25)
        #expect(try await client.call("ping")["result"] == [:])
    }
}

/// A flag threads set and read.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

/// A counter threads add to.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
}
