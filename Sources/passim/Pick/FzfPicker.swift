import Foundation

/// fzf as the picker's screen. fzf does the typing, the list and the preview; on each change
/// of the query it reloads the list from `passim pick --lines` (killing the reload still
/// running, so no stale search queues up), Tab asks `passim pick --complete` for the word being
/// typed, the preview is `passim pick --preview`, and Enter becomes `passim pick --open`.
struct FzfPicker {
    /// This program, which fzf runs for the list, completion and preview.
    var passim: String
    /// fzf.
    var fzf: String
    /// The options the helpers need to search the same index the same way (`--index`, ...).
    var options: [String]
    /// Whether the list follows the daemon's `index/didChange` (there is a daemon to send them).
    var watch: Bool

    /// fzf's arguments for a picker that starts at `query`.
    func arguments(query: String) -> [String] {
        let helper = ([passim, "pick"] + options).map(Self.quoted).joined(separator: " ")
        let lines = "\(helper) --lines\(watch ? " --watch" : "") -- {q}"
        var bindings = [
            "start:reload:\(lines)", "change:reload:\(lines)",
            // fzf 0.38 starts no `change` for a query an action sets: Tab reloads itself.
            "tab:transform-query(\(helper) --complete -- {q})+reload(\(lines))",
            "enter:become:\(helper) --open {1} --line {2} --column {3}",
        ]
        // The list helper ends when the index changes; fzf then loads the list again.
        if watch { bindings.append("load:reload:\(lines)") }
        return [
            "--ansi", "--disabled", "--layout=reverse", "--prompt=passim> ", "--query=\(query)",
            "--delimiter=\t", "--with-nth=5..", "--header-lines=1",
            "--preview=\(helper) --preview {1} --spans {4}", "--preview-window=down,60%,border-top,+{2}-/2",
        ] + bindings.flatMap { ["--bind", $0] }
    }

    /// Replaces this process with fzf, which owns the terminal from then on (its Enter replaces
    /// it in turn with `passim pick --open`, which starts the editor); returns only when fzf
    /// cannot be started (the error number).
    func exec(query: String) -> Int32 {
        // fzf runs the helpers with $SHELL -c: the quoting above is POSIX shell's.
        setenv("SHELL", "/bin/sh", 1)
        return Exec.replacingProcess(with: [fzf] + arguments(query: query))
    }

    /// `text` as one word for a POSIX shell.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The program named `name` on `PATH`, or nil.
    static func find(_ name: String, path: String?) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        return (path ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
