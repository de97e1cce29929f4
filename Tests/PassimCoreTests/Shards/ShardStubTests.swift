import Testing

@testable import PassimCore

@Suite struct ShardStubTests {
    static let valid: [(text: String, stub: ShardStub)] = [
        ("glass catalog\nglass shards/0\n", ShardStub(catalog: .local("catalog"), shards: [.local("shards/0")])),
        (
            "# front host\nglass catalog\n\nremote 10.0.0.2:3301\nremote search-b:3302\nglass /srv/local\n",
            ShardStub(
                catalog: .local("catalog"),
                shards: [
                    .remote(host: "10.0.0.2", port: 3301), .remote(host: "search-b", port: 3302), .local("/srv/local"),
                ])
        ),
        ("auto catalog\nauto s\n", ShardStub(catalog: .local("catalog"), shards: [.local("s")])),
    ]

    static let invalid: [(text: String, message: String)] = [
        ("glass catalog\n", "at least one shard"),
        ("remote a:1\nglass s\n", "local catalog database first"),
        ("glass catalog\nremote host\n", "remote HOST:PORT"),
        ("glass catalog\nremote host:99999\n", "remote HOST:PORT"),
        ("glass catalog\nchert s\n", "unknown kind `chert`"),
        ("glass catalog\nglass\n", "expected `glass PATH`"),
    ]

    @Test(arguments: valid.indices) func parses(_ index: Int) throws {
        let (text, stub) = Self.valid[index]
        #expect(try ShardStub.parse(text, path: "db") == stub)
        #expect(try ShardStub.parse(stub.text, path: "db") == stub)
    }

    @Test(arguments: invalid.indices) func refuses(_ index: Int) {
        let (text, message) = Self.invalid[index]
        do {
            _ = try ShardStub.parse(text, path: "db")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.code == .corrupt)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    /// The routing must never change: an index made by one release is read by the next.
    @Test func routingIsStable() {
        #expect(
            ["a", "corpus/001_skin", "note7", "", "é"].map { ShardRouting.shard(of: $0, count: 4) } == [0, 3, 2, 1, 1])
        #expect(
            (0..<1_000).map { ShardRouting.shard(of: "note\($0)", count: 4) }.reduce(into: [0, 0, 0, 0]) {
                $0[$1] += 1
            }.allSatisfy { $0 > 200 })
    }
}
