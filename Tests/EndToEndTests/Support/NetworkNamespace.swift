import Foundation

/// A Linux network namespace joined to this one by a veth pair: a machine of its own for a
/// test, reachable at `address` from here (`hostAddress` from there). Made with iproute2 and
/// removed with the namespace (the pair goes with it) when released.
final class NetworkNamespace {
    let name: String
    /// This side's end of the pair, and the address the namespace's servers listen on.
    let hostDevice: String
    let address: String
    let hostAddress: String

    /// Whether this process may make namespaces (root, with iproute2): tests that need them
    /// are skipped with this reason otherwise.
    static let unavailableReason: String? = {
        guard getuid() == 0 else { return "network namespaces need root (CI runs as root)" }
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip") else { return "iproute2's ip is missing" }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/xapian-tcpsrv") else {
            return "xapian-tcpsrv is missing (Debian's xapian-tools; scripts/setup installs it)"
        }
        let probe = "passim-probe-\(getpid())"
        guard (try? ip(["netns", "add", probe])) != nil else { return "this machine refuses `ip netns add`" }
        _ = try? ip(["netns", "del", probe])
        return nil
    }()

    /// Namespace `number` of a test: subnet 10.<tag>.<number>.0/24, `tag` telling apart
    /// tests that run at the same time.
    init(tag: Int, number: Int) throws {
        let suffix = "\(getpid() % 10_000)x\(tag)x\(number)"
        name = "passim-\(suffix)"
        hostDevice = "pv\(suffix)"
        let peer = "pn\(suffix)"
        address = "10.\(tag).\(number).2"
        hostAddress = "10.\(tag).\(number).1"
        try Self.ip(["netns", "add", name])
        do {
            try Self.ip(["link", "add", hostDevice, "type", "veth", "peer", "name", peer])
            try Self.ip(["link", "set", peer, "netns", name])
            try Self.ip(["addr", "add", "\(hostAddress)/24", "dev", hostDevice])
            try Self.ip(["link", "set", hostDevice, "up"])
            try Self.ip(["netns", "exec", name, "ip", "addr", "add", "\(address)/24", "dev", peer])
            try Self.ip(["netns", "exec", name, "ip", "link", "set", peer, "up"])
            try Self.ip(["netns", "exec", name, "ip", "link", "set", "lo", "up"])
        } catch {
            release()
            throw error
        }
    }

    deinit {
        release()
    }

    /// Cuts the link (packets are dropped, connections hang until their timeout), or mends it.
    func setLink(up: Bool) throws {
        try Self.ip(["link", "set", hostDevice, up ? "up" : "down"])
    }

    /// Starts `command` inside the namespace.
    func start(_ command: [String], stdout: Pipe = Pipe()) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
        process.arguments = ["netns", "exec", name] + command
        process.standardOutput = stdout
        process.standardError = stdout
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    func release() {
        _ = try? Self.ip(["netns", "del", name])
    }

    /// Runs `ip` with `arguments`; throws with its message when it fails.
    @discardableResult
    static func ip(_ arguments: [String]) throws -> String {
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw DaemonProcessError("ip \(arguments.joined(separator: " ")): \(text)")
        }
        return text
    }
}

/// A `xapian-tcpsrv` serving one database inside a namespace, as a search host would.
final class ShardServer {
    let namespace: NetworkNamespace
    let database: String
    let port: Int
    let idleTimeout: Int?
    private var process: Process?

    init(_ database: String, in namespace: NetworkNamespace, port: Int = 3301, idleTimeout: Int? = nil) throws {
        self.namespace = namespace
        self.database = database
        self.port = port
        self.idleTimeout = idleTimeout
        try start()
    }

    deinit {
        stop()
    }

    /// The stub line that names it.
    var stubLine: String { "remote \(namespace.address):\(port)" }

    /// Starts the server and returns once it listens.
    func start() throws {
        let output = Pipe()
        var command = ["xapian-tcpsrv", "--port", String(port), "--interface", namespace.address]
        if let idleTimeout { command += ["--idle-timeout", String(idleTimeout)] }
        let server = try namespace.start(command + [database], stdout: output)
        guard output.waitForLine(containing: "Listening") else {
            server.waitUntilExit()
            throw DaemonProcessError("xapian-tcpsrv did not start for \(database)")
        }
        process = server
    }

    /// Kills the server (and the connections it forked), as a crashed host would.
    func stop() {
        guard let process, process.isRunning else { return }
        // `ip netns exec` runs the server in its own process; its forked children serve the
        // open connections and die with the namespace's processes.
        _ = try? NetworkNamespace.ip(["netns", "pids", namespace.name]).split(separator: "\n").compactMap {
            Int32($0)
        }.map { kill($0, SIGKILL) }
        process.waitUntilExit()
        self.process = nil
    }
}
