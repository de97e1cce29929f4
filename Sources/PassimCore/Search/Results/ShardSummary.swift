/// One shard of a sharded index as `status` shows it: where it is, whether it answers, and
/// its passages and revision.
public struct ShardSummary: Sendable, Hashable {
    /// The shard's place in the routing order (0-based).
    public var number: Int
    /// Where it is, as the shard list says: a folder, or `remote HOST:PORT`.
    public var location: String
    /// Passages in the shard; nil when it cannot be reached.
    public var passages: Int?
    /// The shard's revision; nil for a remote shard (Xapian does not serve it) or one that
    /// cannot be reached.
    public var revision: UInt64?
    /// Why the shard cannot be read, or nil when it answers.
    public var problem: String?

    /// Memberwise initializer.
    public init(number: Int, location: String, passages: Int?, revision: UInt64?, problem: String?) {
        self.number = number
        self.location = location
        self.passages = passages
        self.revision = revision
        self.problem = problem
    }
}
