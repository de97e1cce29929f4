import Foundation
import PassimTestSupport
import Testing

/// A real text editor, run headless on a script from the test; found on `PATH`.
struct Editor: Sendable {
    let name: String
    let command: String
    /// The Debian package that provides `command` (scripts/setup installs it).
    let package: String
    /// The arguments that run a script file and exit.
    let arguments: @Sendable (_ script: String) -> [String]

    static let vim = Editor(name: "Vim", command: "vim", package: "vim-nox") {
        ["-Nu", "NONE", "-i", "NONE", "-es", "-S", $0]
    }
    static let neovim = Editor(name: "Neovim", command: "nvim", package: "neovim") {
        ["--headless", "-u", "NONE", "-i", "NONE", "-c", "luafile \($0)", "-c", "qa!"]
    }
    static let emacs = Editor(name: "Emacs", command: "emacs", package: "emacs-nox") {
        ["--batch", "-Q", "-l", $0]
    }

    /// The editor's executable, or nil when it is not installed.
    var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(command)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    var isInstalled: Bool { executable != nil }

    /// Why a test of this editor is skipped.
    var notInstalled: Comment {
        Comment(rawValue: "\(command) is not installed (scripts/setup installs \(package))")
    }

    /// Writes `script` to `directory` and runs the editor on it with `environment` (nil removes a
    /// variable), a private HOME and XDG folders, stdin closed; kills it after `timeout` seconds.
    func run(
        script: String, extension fileExtension: String, in directory: TemporaryDirectory,
        environment: [String: String?] = [:], timeout: Int = 60
    ) throws -> ProcessResult {
        guard let executable else { throw DaemonProcessError("\(command) is not installed") }
        let scriptFile = directory.file("\(command)-\(UUID().uuidString.prefix(8)).\(fileExtension)")
        try script.write(to: scriptFile, atomically: false, encoding: .utf8)
        let home = directory.file("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment
        // The editor's own rules pick the socket: nothing from the test runner's session leaks in.
        for name in ["PASSIM_SOCKET", "XDG_RUNTIME_DIR", "VIMINIT", "EXINIT", "MYVIMRC"] { env[name] = nil }
        env["HOME"] = home.path
        // Editors read the daemon's UTF-8 in the encoding the locale gives them, as a user's would.
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        for name in ["XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"] {
            env[name] = home.appendingPathComponent(name.lowercased()).path
        }
        for (name, value) in environment { env[name] = value }

        let stdout = directory.file("\(scriptFile.lastPathComponent).out")
        let stderr = directory.file("\(scriptFile.lastPathComponent).err")
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments(scriptFile.path)
        process.currentDirectoryURL = directory.url
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        // Files, not pipes: an editor that prints a lot cannot block on a full pipe.
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        let timedOut = !process.waitForExit(timeout: Double(timeout))
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let result = ProcessResult(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: stdout, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: stderr, encoding: .utf8)) ?? "")
        if timedOut {
            throw DaemonProcessError("\(command) did not finish within \(timeout) s: \(result.stdout) \(result.stderr)")
        }
        return result
    }
}
