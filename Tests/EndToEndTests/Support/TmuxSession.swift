import Foundation
import PassimTestSupport
import Testing

/// A program in a real terminal, headless: a detached tmux session on a tmux server of its own
/// (its socket in the test's directory, no configuration file), typed at with `send-keys` and
/// read with `capture-pane`. The server is killed when the session is closed or released.
final class TmuxSession: @unchecked Sendable {
    static var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/tmux" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    static var isInstalled: Bool { executable != nil }

    static let notInstalled = Comment(rawValue: "tmux is not installed (scripts/setup installs it)")

    let socket: String
    private let tmux: String
    private var serverPID: pid_t?

    /// Starts `command` in a `width`×`height` terminal in `directory`, with the test runner's
    /// environment minus the editor and Passim settings, plus `environment`.
    init(
        _ command: [String], in directory: TemporaryDirectory, environment: [String: String] = [:],
        width: Int = 150, height: Int = 45
    ) throws {
        guard let tmux = Self.executable else { throw DaemonProcessError("tmux is not installed") }
        self.tmux = tmux
        socket = directory.file("tmux-\(UUID().uuidString.prefix(8)).sock").path
        var env = ProcessInfo.processInfo.environment
        for name in ["PASSIM_SOCKET", "XDG_RUNTIME_DIR", "VIMINIT", "EXINIT", "MYVIMRC", "TMUX", "FZF_DEFAULT_OPTS"] {
            env[name] = nil
        }
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        env["TERM"] = "xterm-256color"
        for (name, value) in environment { env[name] = value }
        let result = try Self.run(
            tmux,
            [
                "-S", socket, "-f", "/dev/null", "new-session", "-d", "-s", "test", "-x", "\(width)", "-y", "\(height)",
                "-c", directory.url.path,
            ] + command, environment: env)
        guard result.status == 0 else { throw DaemonProcessError("tmux did not start: \(result.stderr)") }
        // Its process id too: the socket goes with the test's directory, which may be
        // released first, and then `kill-server` cannot reach it.
        let pid = try Self.run(
            tmux, ["-S", socket, "display-message", "-p", "#{pid}"], environment: ProcessInfo.processInfo.environment)
        serverPID = pid_t(pid.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    deinit {
        close()
    }

    /// Ends the session and its server (and so the program).
    func close() {
        let stopped = try? Self.run(
            tmux, ["-S", socket, "kill-server"], environment: ProcessInfo.processInfo.environment)
        if stopped?.status != 0, let serverPID { kill(serverPID, SIGKILL) }
    }

    /// Types `text` as keystrokes, one character after the other.
    func type(_ text: String) throws {
        try tmuxCommand(["send-keys", "-t", "test", "-l", text])
    }

    /// Presses named keys (`Enter`, `Tab`, `Escape`, `Down`, `F5`, `C-c`).
    func press(_ keys: String...) throws {
        try tmuxCommand(["send-keys", "-t", "test"] + keys)
    }

    /// What the terminal shows; with `escapes`, with its colours and attributes as escape sequences.
    func screen(escapes: Bool = false) throws -> String {
        try tmuxCommand(["capture-pane", "-p", "-t", "test"] + (escapes ? ["-e"] : []))
    }

    /// The screen, for a failure's message (what a failed read says instead).
    var screenForMessages: String {
        do { return try screen() } catch { return "(no screen: \(error))" }
    }

    /// Waits until the terminal shows what `predicate` accepts (re-read on every change the
    /// program draws, up to `timeout` seconds); the screen then, or nil.
    @discardableResult
    func waitForScreen(timeout: Double = 30, escapes: Bool = false, _ predicate: (String) -> Bool) throws -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let screen = try screen(escapes: escapes)
            if predicate(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return nil
    }

    /// Waits until the terminal shows `text`; the screen then, or nil.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 30) throws -> String? {
        try waitForScreen(timeout: timeout) { $0.contains(text) }
    }

    @discardableResult
    private func tmuxCommand(_ arguments: [String]) throws -> String {
        let result = try Self.run(tmux, ["-S", socket] + arguments, environment: ProcessInfo.processInfo.environment)
        guard result.status == 0 else { throw DaemonProcessError("tmux \(arguments.first ?? ""): \(result.stderr)") }
        return result.stdout
    }

    /// Runs tmux to completion, its output through files. Spawned and waited for here, not with
    /// Foundation's `Process`: the tmux server that `new-session` forks keeps the descriptors
    /// `Process` watches to learn that its child ended, so that wait would never end.
    private static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws
        -> ProcessResult
    {
        let directory = FileManager.default.temporaryDirectory
        let outFile = directory.appendingPathComponent("tmux-\(UUID().uuidString).out").path
        let errFile = directory.appendingPathComponent("tmux-\(UUID().uuidString).err").path
        defer {
            try? FileManager.default.removeItem(atPath: outFile)
            try? FileManager.default.removeItem(atPath: errFile)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Nothing else of the test's: a tmux server that outlives the test would hold it open
        // (a lock, or the pipe a CI job reads to its end).
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap(Int32.init) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        // A clean signal state, as a terminal's: the test's threads (Dispatch's workers) block
        // most signals, and a mask is inherited through fork and exec. A tmux server
        // started with SIGCHLD blocked never sees its panes end, and an editor with SIGHUP
        // blocked never ends, so `kill-server` left both running after every test.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw DaemonProcessError("cannot run tmux: error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return ProcessResult(
            status: (status >> 8) & 0xFF,
            stdout: (try? String(contentsOfFile: outFile, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errFile, encoding: .utf8)) ?? "")
    }
}
