import NIOCore
import NIOPosix
import PassimCore
import PassimProtocol

/// Everything `passim serve` decides before the daemon starts.
public struct ServerConfiguration: Sendable {
    /// The index the daemon searches and ingests into.
    public var index: IndexLayout
    /// The Unix domain socket to listen on (see `SocketLocation.defaultPath`).
    public var socketPath: String
    /// The name and release reported in `initialize` and `stats`.
    public var serverInfo: ServerInfo
    /// The largest message read, in bytes; larger ones are refused unread.
    public var maxMessageBytes: Int
    /// Threads that run searches, each with its own Xapian database handle.
    public var searcherThreads: Int
    /// A search for at least twice this many hits is cut into parts of at least this many,
    /// searched at once on the searcher threads (`SearchParts`): its answer comes sooner.
    public var searchPartHits: Int
    /// How often the index revision is checked for commits by other processes when inotify
    /// cannot see them (remote shards, a replica, a network file system).
    public var watchInterval: TimeAmount
    /// How often the revision of an index inotify watches is checked anyway, in case a change
    /// came in a way its watches miss.
    public var watchedIndexRecheck: TimeAmount
    /// Requests one connection may have running at once; past it the daemon stops reading
    /// that connection until one finishes, so one client cannot take every searcher.
    public var maxRequestsPerConnection: Int
    /// How long a graceful shutdown waits for clients to read their last answers before it
    /// closes their connections anyway (a client that never reads must not keep the daemon up).
    public var shutdownGracePeriod: TimeAmount
    /// Whether the daemon watches its corpus roots and ingests what changes (`--no-watch`: no).
    public var watchCorpus: Bool
    /// How long the corpus must be quiet after a change before the watcher ingests it, so a
    /// file being written is read once, whole.
    public var watchSettle: TimeAmount

    /// A configuration with the defaults of `passim serve`.
    public init(index: IndexLayout, socketPath: String, version: String) {
        self.index = index
        self.socketPath = socketPath
        self.serverInfo = ServerInfo(name: "passim", version: version)
        self.maxMessageBytes = RequestLimits.defaultMaxMessageBytes
        self.searcherThreads = max(2, System.coreCount)
        self.searchPartHits = 20
        self.watchInterval = .milliseconds(250)
        self.watchedIndexRecheck = .seconds(10)
        self.maxRequestsPerConnection = 32
        self.shutdownGracePeriod = .seconds(10)
        self.watchCorpus = true
        self.watchSettle = .milliseconds(150)
    }
}
