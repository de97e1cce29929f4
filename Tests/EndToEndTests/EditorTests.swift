import Foundation
import PassimProtocol
import PassimTestSupport
import Testing

/// The integrations in editors/ run in the real editors, headless, against a real `passim serve`
/// on a temporary socket: each search's hits are the daemon's (same files, lines, columns in the
/// editor's own unit, text as `passim search --json` gives them), jumping to each hit lands on its
/// first matched word, the daemon's errors reach the user, and the socket follows PROTOCOL.md.
/// A test is skipped only when its editor is not installed (scripts/setup installs all three).
@Suite(.serialized) struct EditorTests {
    /// One hit per query at least; `"depressed scars"` matches after a `✔` (3 bytes, 1 character),
    /// so byte and character columns differ.
    static let queries = ["stromal vascular fraction", "\"depressed scars\"", "stem cells"]

    @Test(.enabled(if: Editor.vim.isInstalled, Editor.vim.notInstalled))
    func vimFillsTheQuickfixListAndJumpsToEachHit() throws {
        // g:passim_socket names the socket.
        try checkSearches(editor: .vim, script: EditorScripts.vimSearch, extension: "vim", columns: .bytes) { socket in
            ["PASSIM_TEST_SOCKET": socket]
        }
    }

    @Test(.enabled(if: Editor.neovim.isInstalled, Editor.neovim.notInstalled))
    func neovimFillsTheQuickfixListAndJumpsToEachHit() throws {
        // $PASSIM_SOCKET names the socket.
        try checkSearches(editor: .neovim, script: EditorScripts.neovimSearch, extension: "lua", columns: .bytes) {
            socket in ["PASSIM_SOCKET": socket]
        }
    }

    @Test(.enabled(if: Editor.emacs.isInstalled, Editor.emacs.notInstalled))
    func emacsListsHitsInAGrepModeBufferAndVisitsEachHit() throws {
        // The daemon listens at $XDG_RUNTIME_DIR/passim/passim.sock, where passim.el looks by default.
        try checkSearches(
            editor: .emacs, script: EditorScripts.emacsSearch, extension: "el", columns: .characters,
            daemonName: "run/passim/passim"
        ) { socket in
            [
                "XDG_RUNTIME_DIR": URL(fileURLWithPath: socket).deletingLastPathComponent().deletingLastPathComponent()
                    .path
            ]
        }
    }

    @Test(.enabled(if: Editor.vim.isInstalled, Editor.vim.notInstalled))
    func vimFindsTheSocketByTheProtocolRules() throws {
        try checkSocketRules(editor: .vim, script: EditorScripts.vimSocket, extension: "vim")
    }

    @Test(.enabled(if: Editor.neovim.isInstalled, Editor.neovim.notInstalled))
    func neovimFindsTheSocketByTheProtocolRules() throws {
        try checkSocketRules(editor: .neovim, script: EditorScripts.neovimSocket, extension: "lua")
    }

    @Test(.enabled(if: Editor.emacs.isInstalled, Editor.emacs.notInstalled))
    func emacsFindsTheSocketByTheProtocolRules() throws {
        try checkSocketRules(editor: .emacs, script: EditorScripts.emacsSocket, extension: "el")
    }

    // MARK: Searches

    enum ColumnUnit { case bytes, characters }

    /// Runs `script` in `editor` against a daemon on a fresh index of the seed corpus and checks
    /// every hit of every query against `passim search --json`.
    func checkSearches(
        editor: Editor, script: String, extension fileExtension: String, columns: ColumnUnit,
        daemonName: String = "daemon", socketEnvironment: (String) -> [String: String]
    ) throws {
        let dir = try DaemonCLITests.indexedCorpus()
        try Self.editAfterIndexing(dir)
        if daemonName.contains("/") {
            // A runtime directory as a session manager makes it: the user's own, mode 0700.
            try FileManager.default.createDirectory(
                at: dir.file(daemonName).deletingLastPathComponent(), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        }
        let daemon = try DaemonProcess(index: "idx", in: dir, name: daemonName)
        defer { daemon.stop() }
        try JSONEncoder().encode(Self.queries).write(to: dir.file("queries.json"))

        var environment: [String: String?] = [
            "PASSIM_TEST_DIR": dir.url.path,
            "PASSIM_TEST_PLUGIN_DIR": Repository.root.appendingPathComponent("editors/\(editor.command)").path,
        ]
        for (name, value) in socketEnvironment(daemon.socket) { environment[name] = value }
        let before = try daemon.stats(in: dir)
        let run = try editor.run(script: script, extension: fileExtension, in: dir, environment: environment)
        let after = try daemon.stats(in: dir)
        let report = try Self.report(EditorReport.self, from: run, of: editor, in: dir)
        #expect(run.status == 0, "\(editor.name) exited \(run.status): \(run.stderr)")
        try #require(report.searches.count == Self.queries.count, "\(run.stderr)")

        var columnsDiffer = false
        for (query, search) in zip(Self.queries, report.searches) {
            let hits = try Self.expectedHits(query, socket: daemon.socket, in: dir)
            try #require(!hits.isEmpty, "no hits for \(query)")
            let column = { (hit: ExpectedHit) in columns == .bytes ? hit.byteColumn : hit.characterColumn }
            #expect(search.query == query)
            #expect(
                search.entries.count == hits.count, "\(editor.name) listed \(search.entries.count) hits for \(query)")
            for (rank, (entry, hit)) in zip(search.entries, hits).enumerated() {
                let expected = EditorReport.Entry(file: hit.file, line: hit.line, column: column(hit), text: hit.text)
                #expect(entry == expected, "\(editor.name), \(query), hit \(rank + 1)")
            }
            #expect(
                search.visited.count == hits.count, "\(editor.name) visited \(search.visited.count) hits for \(query)")
            #expect(hits.contains { $0.stale } || query != "stem cells", "the rewritten passage is not a hit")
            // A stale hit's place is the indexed version's: the editor shows it, nothing is there to land on.
            for (visit, hit) in zip(search.visited, hits) where !hit.stale {
                #expect(visit.file == hit.file && visit.line == hit.line && visit.column == column(hit), "\(visit)")
                #expect(visit.rest.hasPrefix(hit.word), "\(editor.name) is not on `\(hit.word)`: \(visit.rest)")
            }
            if let title = search.title {
                #expect(title == "passim: \(query)")
                #expect(search.quickfixWindows == 1)
            } else {
                #expect(search.grepMode == true && search.mode == "passim-results-mode", "\(search.mode ?? "")")
            }
            columnsDiffer = columnsDiffer || hits.contains { $0.byteColumn != $0.characterColumn }
        }
        #expect(columnsDiffer, "no hit where byte and character columns differ: the column unit went unchecked")

        // A query the daemon refuses: its message reaches the user, and the quickfix list keeps
        // the last good search.
        #expect(report.messages.contains("passim: Query syntax error at offset 17"), "\(report.messages)")
        if let title = report.titleAfterError { #expect(title == "passim: \(Self.queries.last ?? "")") }
        // The editor kept one connection for all its searches (the other new one is `after`'s own),
        // and asked the daemon once per search.
        #expect(after.connections.total - before.connections.total == 2, "\(daemon.log)")
        #expect(after.queries.total - before.queries.total == Self.queries.count + 1)
    }

    /// A hit as the editors should show it, from `passim search --json`: at the passage's first
    /// highlight, with the passage's text on one line.
    struct ExpectedHit {
        var stale: Bool
        var file: String
        var line: Int
        var byteColumn: Int
        var characterColumn: Int
        var text: String
        var word: String
    }

    static func expectedHits(_ query: String, socket: String, in dir: TemporaryDirectory) throws -> [ExpectedHit] {
        let cli = try PassimProcess.run(
            ["search", "--index", "idx", "--socket", socket, "--json", "--limit", "50", query], in: dir.url)
        try #require(cli.status == 0, "\(cli.stderr)")
        return try SearchJSON.decode(cli.stdout).hits.map { hit in
            let first = hit.highlights.first
            let line = first?.line ?? hit.location.startLine
            let column = first?.column ?? hit.location.startColumn
            let text = Array(hit.passage.text.utf8)
            let fileLines = try Data(contentsOf: URL(fileURLWithPath: hit.article.path))
                .split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            let stale = hit.stale == true
            let before = stale ? "" : String(decoding: fileLines[line - 1].prefix(column - 1), as: UTF8.self)
            return ExpectedHit(
                stale: stale, file: hit.article.path, line: line, byteColumn: column,
                characterColumn: stale ? column : before.unicodeScalars.count + 1,
                text: (stale ? "[changed since it was indexed] " : "") + oneLine(hit.passage.text),
                word: first.map { String(decoding: text[$0.start..<$0.end], as: UTF8.self) } ?? "")
        }
    }

    /// Edits two articles after they were indexed, as a user would while the daemon runs without
    /// watching: lines added at the top of one (its hits must follow their text down) and a
    /// passage of another rewritten (its hit must say it is stale).
    static func editAfterIndexing(_ dir: TemporaryDirectory) throws {
        let moved = dir.file("corpus/000_c0039b83ab477ca1.txt")
        let text = try String(contentsOf: moved, encoding: .utf8)
        try ("A line added after indexing, with an 𝛼.\n\n" + text).write(to: moved, atomically: false, encoding: .utf8)
        let rewritten = dir.file("corpus/001_703ab0bc430d4bad.txt")
        var other = try String(contentsOf: rewritten, encoding: .utf8)
        let first = try #require(other.range(of: "stem cells"), "the article to rewrite mentions stem cells")
        other.replaceSubrange(first, with: "stem-cells")
        try other.write(to: rewritten, atomically: false, encoding: .utf8)
    }

    /// Whitespace runs (space, tab, CR, LF) as one space, trimmed: the editors' one-line text.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { " \t\r\n".unicodeScalars.contains($0.unicodeScalars.first ?? " ") })
            .joined(separator: " ")
    }

    /// The report a script wrote; when there is none, the editor's output says why.
    static func report<Report: Decodable>(
        _ type: Report.Type, from run: ProcessResult, of editor: Editor, in dir: TemporaryDirectory
    ) throws -> Report {
        let file = dir.file("report.json")
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw DaemonProcessError("\(editor.name) wrote no report (exit \(run.status)): \(run.stdout) \(run.stderr)")
        }
        return try JSONDecoder().decode(Report.self, from: try Data(contentsOf: file))
    }

    // MARK: Socket rules

    /// The editor's socket path under each case's settings equals `SocketLocation.defaultPath`
    /// (or the editor's own setting); with no daemon, a search says where it looked.
    func checkSocketRules(editor: Editor, script: String, extension fileExtension: String) throws {
        let dir = try TemporaryDirectory("passim-editor")
        try JSONEncoder().encode(SocketCase.all).write(to: dir.file("socket-cases.json"))
        let missing = dir.file("nobody.sock").path
        let run = try editor.run(
            script: script, extension: fileExtension, in: dir,
            environment: [
                "PASSIM_TEST_DIR": dir.url.path, "PASSIM_TEST_MISSING": missing,
                "PASSIM_TEST_PLUGIN_DIR": Repository.root.appendingPathComponent("editors/\(editor.command)").path,
            ])
        let report = try Self.report(SocketReport.self, from: run, of: editor, in: dir)
        #expect(run.status == 0, "\(editor.name) exited \(run.status): \(run.stderr)")
        #expect(report.paths == SocketCase.all.map(\.expected), "\(editor.name)")
        #expect(report.messages.contains("passim: no daemon answers on \(missing)"), "\(report.messages)")
    }
}

/// Settings an editor finds its socket from; nil is unset (encoded as JSON null).
struct SocketCase: Encodable {
    var configured: String?
    var passimSocket: String?
    var runtimeDirectory: String?

    static let all = [
        SocketCase(configured: "/srv/passim/mine.sock", passimSocket: "/srv/env.sock", runtimeDirectory: "/run/user/7"),
        SocketCase(configured: nil, passimSocket: "/srv/env.sock", runtimeDirectory: "/run/user/7"),
        SocketCase(configured: nil, passimSocket: "", runtimeDirectory: "/run/user/7/"),
        SocketCase(configured: nil, passimSocket: nil, runtimeDirectory: "relative/run"),
        SocketCase(configured: nil, passimSocket: nil, runtimeDirectory: nil),
    ]

    /// The editor's own setting, else the rules every Passim client follows.
    var expected: String {
        var environment: [String: String] = [:]
        environment["PASSIM_SOCKET"] = passimSocket
        environment["XDG_RUNTIME_DIR"] = runtimeDirectory
        return configured ?? SocketLocation.defaultPath(environment: environment, userID: getuid())
    }

    enum CodingKeys: String, CodingKey {
        case configured
        case passimSocket = "PASSIM_SOCKET"
        case runtimeDirectory = "XDG_RUNTIME_DIR"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        // Explicit nulls: the scripts read every key.
        try container.encode(configured, forKey: .configured)
        try container.encode(passimSocket, forKey: .passimSocket)
        try container.encode(runtimeDirectory, forKey: .runtimeDirectory)
    }
}

/// What the socket scripts write.
struct SocketReport: Decodable {
    var paths: [String]
    var messages: String
}

/// What the search scripts write: per query, the quickfix list (Vim, Neovim) or the grep-mode
/// buffer (Emacs), and where jumping to each hit put the cursor.
struct EditorReport: Decodable {
    struct Entry: Decodable, Equatable {
        var file: String
        var line: Int
        var column: Int
        var text: String
    }

    struct Visit: Decodable {
        var file: String
        var line: Int
        var column: Int
        /// The line from the cursor on.
        var rest: String
    }

    struct Search: Decodable {
        var query: String
        var items: [Entry]?
        var title: String?
        var quickfixWindows: Int?
        var buffer: String?
        var mode: String?
        var grepMode: Bool?
        var visited: [Visit]

        /// The quickfix entries, or the `path:line:column:text` lines of the Emacs buffer.
        var entries: [Entry] {
            if let items { return items }
            return (buffer ?? "").split(separator: "\n").filter { $0.hasPrefix("/") }.compactMap { line in
                let parts = line.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
                guard parts.count == 4, let number = Int(parts[1]), let column = Int(parts[2]) else { return nil }
                return Entry(file: String(parts[0]), line: number, column: column, text: String(parts[3]))
            }
        }
    }

    var searches: [Search]
    var messages: String
    var titleAfterError: String?
}
