/// The ranges and defaults of numeric params, in one place so PROTOCOL.md and the validation
/// agree. Out-of-range values are `invalidParams`, never clamped: a client asking for 5,000 hits
/// learns the limit instead of silently getting fewer.
public enum RequestLimits {
    /// `deadlineMs`: 1 ms to 1 hour.
    public static let deadlineMs: ClosedRange<Int> = 1...3_600_000
    /// `search.limit`.
    public static let searchLimit: ClosedRange<Int> = 1...1_000
    /// `search.limit` when absent.
    public static let defaultSearchLimit = 10
    /// `search.offset`: deep paging past this costs more than it is worth.
    public static let searchOffset: ClosedRange<Int> = 0...100_000
    /// `search.perArticle`.
    public static let perArticle: ClosedRange<Int> = 1...100
    /// `passage/get.context`: neighbours on each side.
    public static let passageContext: ClosedRange<Int> = 0...50
    /// `passage/get.context` when absent.
    public static let defaultPassageContext = 1
    /// `suggest.limit`.
    public static let suggestLimit: ClosedRange<Int> = 1...100
    /// `suggest.limit` when absent.
    public static let defaultSuggestLimit = 10
    /// The default maximum size of one message in bytes (1 MiB).
    public static let defaultMaxMessageBytes = 1 << 20
}
