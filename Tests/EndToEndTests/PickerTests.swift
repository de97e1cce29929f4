import Foundation
import PassimProtocol
import PassimTestSupport
import Testing

/// The pickers in real terminals (tmux), headless, against a real daemon: Vim's popup, Neovim's
/// float and its Telescope extension, Emacs through consult and through plain `completing-read`,
/// and `passim pick` on fzf.
/// Each is typed at one character at a time and must show, for every prefix, the count
/// `passim search` gives; replaced searches must be cancelled on the daemon (its `stats`
/// counts them: the daemon is paused while they are typed, so each is still unanswered when the
/// next goes out); Tab must complete the word with the first completion shown; a change of the
/// index must refresh the list; Enter must land on the chosen hit's first matched word, in the
/// editor's own column unit; a hit's line must show its article's title and section heading.
/// A test is skipped only when its program is not installed.
@Suite(.serialized) struct PickerTests {
    /// Typed one character at a time; the list of each prefix is checked.
    static let typed = "depressed"
    /// Typed while the daemon is paused.
    static let typedWhilePaused = " sc"

    /// An editor's picker: how to start the editor and open the picker in it.
    struct Picker: Sendable {
        var editor: Editor
        var startup: String
        var startupExtension: String
        var columns: EditorTests.ColumnUnit
        var command: @Sendable (_ startupFile: String) -> [String]
        var environment: [String: String] = [:]
        var open: @Sendable (TmuxSession) throws -> Void
        /// Chooses the hit at an index of the list and presses Enter.
        var choose: @Sendable (TmuxSession, Int) throws -> Void = { tmux, index in
            for _ in 0..<index { try tmux.press("Down") }
            try tmux.press("Enter")
        }
    }

    /// `:PassimPick` opens the picker in Vim and Neovim.
    @Sendable static func typingPassimPick(_ tmux: TmuxSession) throws {
        try tmux.type(":PassimPick")
        try tmux.press("Enter")
    }

    static let vim = Picker(
        editor: .vim, startup: PickerScripts.vim, startupExtension: "vim", columns: .bytes,
        command: { ["vim", "-Nu", $0, "-i", "NONE"] }, open: typingPassimPick)

    static let neovim = Picker(
        editor: .neovim, startup: PickerScripts.neovim, startupExtension: "lua", columns: .bytes,
        command: { ["nvim", "-u", $0, "-i", "NONE"] }, open: typingPassimPick)

    /// Telescope's picker (`:Telescope passim`) from editors/nvim. Its list is best first from
    /// the bottom up, so a later hit is Up from the first.
    static let telescope = Picker(
        editor: .neovim, startup: PickerScripts.telescope, startupExtension: "lua", columns: .bytes,
        command: { ["nvim", "-u", $0, "-i", "NONE"] },
        environment: TelescopeInstall.found.map {
            ["PASSIM_TEST_TELESCOPE_DIR": $0.telescope, "PASSIM_TEST_PLENARY_DIR": $0.plenary]
        } ?? [:],
        open: { tmux in
            try tmux.type(":Telescope passim")
            try tmux.press("Enter")
        },
        choose: { tmux, index in
            for _ in 0..<index { try tmux.press("Up") }
            try tmux.press("Enter")
        })

    static func emacs(consult: Bool) -> Picker {
        Picker(
            editor: .emacs, startup: PickerScripts.emacs, startupExtension: "el", columns: .characters,
            command: { ["emacs", "-nw", "-Q", "-l", $0] }, environment: ["PASSIM_TEST_CONSULT": consult ? "1" : "0"],
            open: { tmux in
                try tmux.press("M-x")
                try tmux.type("passim-pick")
                try tmux.press("Enter")
            },
            choose: { tmux, index in
                // Without consult the list is *Completions*: RET on the input takes the first hit,
                // M-v goes to the list, where TAB moves to the next and RET chooses.
                if consult || index == 0 {
                    for _ in 0..<index { try tmux.press("Down") }
                } else {
                    try tmux.press("M-v")
                    for _ in 0..<index { try tmux.press("Tab") }
                }
                try tmux.press("Enter")
            })
    }

    @Test(.enabled(if: Editor.vim.isInstalled && TmuxSession.isInstalled, Editor.vim.notInstalled))
    func vimPopupRefinesAsYouTypeAndJumps() throws {
        try checkEditorPicker(Self.vim)
    }

    @Test(.enabled(if: Editor.neovim.isInstalled && TmuxSession.isInstalled, Editor.neovim.notInstalled))
    func neovimFloatRefinesAsYouTypeAndJumps() throws {
        try checkEditorPicker(Self.neovim)
    }

    @Test(
        .enabled(if: Editor.neovim.isInstalled && TmuxSession.isInstalled, Editor.neovim.notInstalled),
        .enabled(if: TelescopeInstall.found != nil, TelescopeInstall.notFound))
    func telescopeRefinesAsYouTypeAndJumps() throws {
        try checkEditorPicker(Self.telescope)
    }

    @Test(.enabled(if: Editor.emacs.isInstalled && TmuxSession.isInstalled && PickerTests.consultIsInstalled))
    func emacsConsultRefinesAsYouTypeAndJumps() throws {
        try checkEditorPicker(Self.emacs(consult: true))
    }

    @Test(.enabled(if: Editor.emacs.isInstalled && TmuxSession.isInstalled, Editor.emacs.notInstalled))
    func emacsCompletingReadRefinesAsYouTypeAndJumps() throws {
        try checkEditorPicker(Self.emacs(consult: false))
    }

    /// Debian's elpa-consult.
    static var consultIsInstalled: Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/share/emacs/site-lisp/elpa")) ?? [])
            .contains { $0.hasPrefix("consult-") }
    }

    // MARK: The editors' pickers

    func checkEditorPicker(_ picker: Picker) throws {
        let dir = try DaemonCLITests.indexedCorpus()
        let daemon = try DaemonProcess(index: "idx", in: dir)
        defer { daemon.stop() }
        let startup = dir.file("startup.\(picker.startupExtension)")
        try picker.startup.write(to: startup, atomically: false, encoding: .utf8)
        var environment = picker.environment
        environment["PASSIM_TEST_DIR"] = dir.url.path
        environment["PASSIM_TEST_SOCKET"] = daemon.socket
        environment["PASSIM_SOCKET"] = daemon.socket
        environment["PASSIM_TEST_PLUGIN_DIR"] =
            Repository.root.appendingPathComponent("editors/\(picker.editor.command)")
            .path
        environment["HOME"] = dir.file("home").path
        try FileManager.default.createDirectory(at: dir.file("home"), withIntermediateDirectories: true)
        let tmux = try TmuxSession(picker.command(startup.path), in: dir, environment: environment)
        defer { tmux.close() }
        try picker.open(tmux)
        try #require(
            try tmux.waitFor("type to search") != nil, "\(picker.editor.name): no picker\n\(tmux.screenForMessages)")

        let name = picker.editor.name
        var query = try typeRefining(tmux, socket: daemon.socket, in: dir, name)

        // Replaced searches are cancelled: the daemon is paused, so none is answered before the next.
        let before = try daemon.waitForStats(in: dir) { $0.queries.total >= Self.typed.count }
        query = try typeWhilePaused(query, in: tmux, daemon, "\(name) with the daemon paused") {
            "searching \"\($0)\""
        }
        try expectScreen(tmux, shows: try Self.status(query, socket: daemon.socket, in: dir), "\(name) after the pause")
        // The daemon counts a search once it has written its answer: waited for, not raced.
        let after = try daemon.waitForStats(in: dir) {
            $0.queries.total >= before.queries.total + Self.typedWhilePaused.count
        }
        #expect(after.queries.total - before.queries.total == Self.typedWhilePaused.count, "\(daemon.log)")
        // Each replaced search was cancelled unless the daemon, resumed, finished it before reading
        // its cancellation (the two arrive together, so that is rare); the last one too when the
        // pause outlasted its handshake's timeout (seen under heavy load) and it searched in
        // process.
        let cancelled = after.queries.cancelled - before.queries.cancelled
        #expect((1...Self.typedWhilePaused.count).contains(cancelled), "\(cancelled) cancelled")

        // Tab completes the word being typed with the first completion shown.
        query = try tabCompletes(query, in: tmux, name, socket: daemon.socket, dir: dir)

        // A new article is ingested through the daemon: its index/didChange refreshes the list.
        try Self.ingestNewArticle(in: dir, socket: daemon.socket)
        try expectScreen(tmux, shows: Self.freshHeading, "\(name) after the index changed (with its heading)")
        try expectScreen(tmux, shows: try Self.status(query, socket: daemon.socket, in: dir), "\(name) refreshed")

        // Enter on a hit whose byte and character columns differ.
        let hits = try EditorTests.expectedHits(query, socket: daemon.socket, in: dir)
        let chosen = try #require(
            hits.firstIndex { !$0.stale && $0.byteColumn != $0.characterColumn }, "no hit after a multibyte character")
        try picker.choose(tmux, chosen)
        let visit = try Self.jump(tmux, in: dir)
        let hit = hits[chosen]
        let column = picker.columns == .bytes ? hit.byteColumn : hit.characterColumn
        #expect(visit.file == hit.file && visit.line == hit.line && visit.column == column, "\(name): \(visit)")
        #expect(visit.rest.hasPrefix(hit.word), "\(name) is not on `\(hit.word)`: \(visit.rest)")
    }

    // MARK: passim pick (fzf)

    @Test(.enabled(if: PickerTests.fzfIsInstalled && TmuxSession.isInstalled, PickerTests.fzfMissing))
    func passimPickRefinesInFzfAndOpensTheEditor() throws {
        let dir = try DaemonCLITests.indexedCorpus()
        let daemon = try DaemonProcess(index: "idx", in: dir)
        defer { daemon.stop() }
        let vimrc = dir.file("report.vim")
        try PickerScripts.vim.write(to: vimrc, atomically: false, encoding: .utf8)
        let tmux = try TmuxSession(
            [PassimProcess.binary.path, "pick", "--index", "idx", "--socket", daemon.socket], in: dir,
            environment: [
                "EDITOR": "vim -Nu \(vimrc.path) -i NONE", "VISUAL": "", "PASSIM_TEST_DIR": dir.url.path,
                "PASSIM_TEST_PLUGIN_DIR": Repository.root.appendingPathComponent("editors/vim").path,
                "PASSIM_TEST_SOCKET": daemon.socket,
            ])
        defer { tmux.close() }
        try #require(try tmux.waitFor("type to search") != nil, "no picker\n\(tmux.screenForMessages)")

        let before = try daemon.stats(in: dir)
        var query = try typeRefining(tmux, socket: daemon.socket, in: dir, "fzf")
        let typedOneByOne = try daemon.waitForStats(in: dir) {
            $0.queries.total >= before.queries.total + Self.typed.count
        }
        #expect(typedOneByOne.queries.total - before.queries.total == Self.typed.count, "\(daemon.log)")

        // Replaced searches are cancelled: with the daemon paused, each key's list helper
        // connects, sends its search with its handshake and waits; fzf kills it for the next
        // key, and the daemon, resumed, finds its connection closed and cancels its search.
        daemon.pause()
        for (count, character) in Self.typedWhilePaused.enumerated() {
            query.append(character)
            try tmux.type(String(character))
            try #require(
                daemon.waitForConnectionsWaiting(count + 1), "fzf did not list \"\(query)\" with the daemon paused")
        }
        daemon.resume()
        try expectScreen(tmux, shows: try Self.status(query, socket: daemon.socket, in: dir), "fzf after the pause")
        let afterPause = try daemon.waitForStats(in: dir) {
            $0.queries.total >= typedOneByOne.queries.total + Self.typedWhilePaused.count
        }
        #expect(afterPause.queries.total - typedOneByOne.queries.total == Self.typedWhilePaused.count, "\(daemon.log)")
        // The last helper's search is answered, unless the pause outlasted its handshake's
        // timeout (seen under heavy load): then it searched in process and that one is
        // cancelled too.
        #expect(
            afterPause.queries.cancelled - typedOneByOne.queries.cancelled >= Self.typedWhilePaused.count - 1,
            "the searches of the killed list helpers were not cancelled: \(afterPause.queries)")

        // Typed at once: fzf kills each reload the next key replaces, and a reload searches only
        // after the debounce, so the daemon sees fewer searches than keys.
        let burst = "ars"
        try tmux.type(burst)
        query += burst
        try expectListOfKeysTypedAtOnce(query, in: tmux, socket: daemon.socket, dir: dir, "fzf after a burst") {
            let afterBurst = try daemon.waitForStats(in: dir) { $0.queries.total > afterPause.queries.total }
            #expect(afterBurst.queries.total - afterPause.queries.total < burst.count, "\(daemon.log)")
        }

        // Tab completes the word being typed.
        try tmux.press("BSpace", "BSpace", "BSpace")
        query = String(query.dropLast(3))
        try expectListOfKeysTypedAtOnce(query, in: tmux, socket: daemon.socket, dir: dir, "fzf after three backspaces")
        {}
        query = try tabCompletes(query, in: tmux, "fzf", socket: daemon.socket, dir: dir)

        try Self.ingestNewArticle(in: dir, socket: daemon.socket)
        try expectScreen(tmux, shows: Self.freshHeading, "fzf after the index changed (with its heading)")

        // The preview shows the chosen hit's line with its first matched word marked.
        let hits = try EditorTests.expectedHits(query, socket: daemon.socket, in: dir)
        let chosen = try #require(
            hits.firstIndex { !$0.stale && $0.byteColumn != $0.characterColumn }, "no hit after a multibyte character")
        let hit = hits[chosen]
        for _ in 0..<chosen { try tmux.press("Down") }
        let marked = try tmux.waitForScreen(escapes: true) {
            $0.contains("7m\(hit.word)") && $0.contains("\(hit.line)")
        }
        #expect(marked != nil, "the preview does not mark `\(hit.word)`: \(tmux.screenForMessages)")

        try tmux.press("Enter")
        let visit = try Self.jump(tmux, in: dir)
        #expect(visit.file == hit.file && visit.line == hit.line && visit.column == hit.byteColumn, "\(visit)")
        #expect(visit.rest.hasPrefix(hit.word), "vim is not on `\(hit.word)`: \(visit.rest)")
    }

    static var fzfIsInstalled: Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/fzf") }
    }

    static let fzfMissing = Comment(rawValue: "fzf or tmux is not installed (scripts/setup installs both)")

    /// fzf's version numbers (`0.38.0 (debian)` is [0, 38, 0]); empty when it cannot tell.
    static let fzfVersion: [Int] = {
        let output = (try? BenchSmokeTests.run(["fzf", "--version"], interpreter: "/usr/bin/env").stdout) ?? ""
        let number = output.split(separator: " ").first ?? ""
        return number.split(separator: ".").compactMap { Int($0) }
    }()

    // MARK: Helpers

    /// Types `typed` one character at a time, waiting after each for the list of the query so
    /// far; returns the query.
    func typeRefining(_ tmux: TmuxSession, socket: String, in dir: TemporaryDirectory, _ name: String) throws
        -> String
    {
        var counts: Set<String> = []
        var query = ""
        for character in Self.typed {
            query.append(character)
            try tmux.type(String(character))
            let status = try Self.status(query, socket: socket, in: dir)
            counts.insert(status.components(separatedBy: " passages").first ?? "")
            try expectScreen(tmux, shows: status, "\(name) while typing")
        }
        #expect(counts.count > 1, "every prefix of \(Self.typed) has the same count: the refinement went unchecked")
        return query
    }

    /// The status line a picker shows for `query`: `passim search`'s count and estimate, searched
    /// in process (the same answer) so that the daemon counts the pickers' searches alone.
    static func status(_ query: String, socket: String, in dir: TemporaryDirectory) throws -> String {
        let result = try searchedInProcess(query, in: dir)
        return "\(result.hits.count) of about \(result.estimatedTotal) passages for \"\(query)\""
    }

    /// `passim search --json` for `query` (50 hits at most, as the pickers and `passim lsp`),
    /// searched in process so that the daemon counts the pickers' searches alone.
    static func searchedInProcess(_ query: String, in dir: TemporaryDirectory) throws -> SearchResult {
        let cli = try PassimProcess.run(
            ["search", "--index", "idx", "--no-daemon", "--json", "--limit", "50", "--", query], in: dir.url)
        try #require(cli.status <= 1, "\(cli.stderr)")
        return try SearchJSON.decode(cli.stdout)
    }

    /// Types `typedWhilePaused` after `query` with the daemon paused, waiting after each key for
    /// the screen to show what `shown` gives for the query so far, then resumes the daemon;
    /// returns the query.
    func typeWhilePaused(
        _ query: String, in tmux: TmuxSession, _ daemon: DaemonProcess, _ context: String,
        shown: (String) -> String
    ) throws -> String {
        var query = query
        daemon.pause()
        for character in Self.typedWhilePaused {
            query.append(character)
            try tmux.type(String(character))
            try expectScreen(tmux, shows: shown(query), context)
        }
        daemon.resume()
        return query
    }

    /// The first completion the status line of `query` offers (`Tab: word, …`), if any.
    static func completionHint(in screen: String, for query: String) -> String? {
        guard let status = screen.split(separator: "\n").first(where: { $0.contains("for \"\(query)\"") }),
            let range = status.range(of: "Tab: ", options: .caseInsensitive)
        else { return nil }
        let word = status[range.upperBound...].prefix { $0.isLetter || $0.isNumber }
        return word.isEmpty ? nil : String(word)
    }

    /// The new article's title and section heading, as every picker shows its hit.
    static let freshSection = "Patience Helps"
    static let freshHeading = "Freshly Added Note § \(freshSection)"

    /// Writes an article matching the test's query, under a section heading, and ingests it
    /// through the daemon, which then sends `index/didChange`.
    static func ingestNewArticle(in dir: TemporaryDirectory, socket: String) throws {
        try dir.write(
            "corpus/zz_fresh.txt",
            "Freshly Added Note\n\n\(freshSection)\n\nDepressed scars fade; depressed scars need patience.\n")
        let ingest = try PassimProcess.run(
            ["ingest", "--index", "idx", "--socket", socket, dir.file("corpus/zz_fresh.txt").path], in: dir.url)
        try #require(ingest.status == 0, "\(ingest.stderr)")
    }

    /// Presses F5 where the jump landed; what the editor wrote.
    static func jump(_ tmux: TmuxSession, in dir: TemporaryDirectory) throws -> EditorReport.Visit {
        let report = dir.file("jump.json")
        var visit: EditorReport.Visit? {
            FileManager.default.contents(atPath: report.path).flatMap {
                try? JSONDecoder().decode(EditorReport.Visit.self, from: $0)
            }
        }
        // F5 is mapped once the editor has the file open: pressed until a whole report is there.
        let deadline = Date().addingTimeInterval(30)
        while visit == nil && Date() < deadline {
            try tmux.press("F5")
            _ = try tmux.waitForScreen(timeout: 0.5) { _ in visit != nil }
        }
        return try #require(visit, "no jump\n\(tmux.screenForMessages)")
    }

    /// Presses Tab once the picker offers a completion of `query`'s last word `sc`, and checks
    /// that the list follows the completed query, which it returns.
    func tabCompletes(
        _ query: String, in tmux: TmuxSession, _ name: String, socket: String, dir: TemporaryDirectory
    ) throws -> String {
        let hint = try #require(
            try tmux.waitForScreen { Self.completionHint(in: $0, for: query)?.hasPrefix("sc") == true }
                .flatMap { Self.completionHint(in: $0, for: query) },
            "\(name) shows no completions of `sc`\n\(tmux.screenForMessages)")
        try tmux.press("Tab")
        let completed = String(query.dropLast(2)) + hint + " "
        try expectScreen(tmux, shows: try Self.status(completed, socket: socket, in: dir), "\(name) after Tab")
        return completed
    }

    /// Waits for fzf to list `query`, whose last keys were typed at once, calling `settled` once
    /// it has (for counting searches). fzf before 0.56.1 can lose the last of reloads started
    /// together (junegunn/fzf#4070, seen here under load) and keep an earlier query's list until
    /// the next key: there, when the list does not come, one key back and again lists it.
    func expectListOfKeysTypedAtOnce(
        _ query: String, in tmux: TmuxSession, socket: String, dir: TemporaryDirectory, _ context: String,
        settled: () throws -> Void
    ) throws {
        let status = try Self.status(query, socket: socket, in: dir)
        let racy = Self.fzfVersion.lexicographicallyPrecedes([0, 56, 1])
        let shown = try tmux.waitFor(status, timeout: racy ? 10 : 30)
        try settled()
        if shown == nil, racy, let last = query.last {
            try tmux.press("BSpace")
            let back = try Self.status(String(query.dropLast()), socket: socket, in: dir)
            try expectScreen(tmux, shows: back, "\(context), one key back")
            try tmux.type(String(last))
        }
        try expectScreen(tmux, shows: status, context)
    }

    /// Waits for `text` on the screen; records what was there instead.
    func expectScreen(_ tmux: TmuxSession, shows text: String, _ context: String) throws {
        let seen = try tmux.waitFor(text)
        try #require(seen != nil, "\(context): `\(text)` not shown\n\(tmux.screenForMessages)")
    }
}
