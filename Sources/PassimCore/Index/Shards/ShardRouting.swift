/// Which shard holds an article: a stable hash of its id, the same on every machine and in
/// every release (64-bit FNV-1a over the id's UTF-8 bytes), modulo the shard count.
enum ShardRouting {
    static func shard(of articleID: String, count: Int) -> Int {
        precondition(count >= 1, "an index has at least one shard")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in articleID.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int(hash % UInt64(count))
    }
}
