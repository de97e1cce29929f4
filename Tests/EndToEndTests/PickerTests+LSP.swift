import Foundation
import PassimTestSupport
import Testing

/// Telescope's own `lsp_dynamic_workspace_symbols` over `passim lsp` in Neovim's built-in
/// client, with no Passim plugin: the picker an LSP user already has.
extension PickerTests {
    /// Typed one character at a time, each prompt must list its search's passages (Telescope's
    /// counter, `N / N`, is the count `passim search` gives) after the daemon answered it.
    /// Telescope (0.1 to 0.2) sends the next prompt only once the last is answered (its finder
    /// waits for each answer), so with the daemon paused the keys typed meanwhile are not queued:
    /// the daemon sees the pending search and then the newest prompt, and nothing is left to
    /// cancel. Enter must land on the chosen passage's first matched word.
    @Test(
        .enabled(if: Editor.neovim.isInstalled && TmuxSession.isInstalled, Editor.neovim.notInstalled),
        .enabled(if: TelescopeInstall.found != nil, TelescopeInstall.notFound))
    func telescopeDynamicWorkspaceSymbolsRefineAndJump() throws {
        let dir = try DaemonCLITests.indexedCorpus()
        try dir.write("notes.txt", "Notes.\n")
        let daemon = try DaemonProcess(index: "idx", in: dir)
        defer { daemon.stop() }
        let startup = dir.file("startup.lua")
        try PickerScripts.telescopeLSP.write(to: startup, atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(at: dir.file("home"), withIntermediateDirectories: true)
        var environment = Self.telescope.environment
        environment["PASSIM_TEST_DIR"] = dir.url.path
        environment["PASSIM_TEST_SOCKET"] = daemon.socket
        environment["PASSIM_TEST_BINARY"] = PassimProcess.binary.path
        environment["HOME"] = dir.file("home").path
        let tmux = try TmuxSession(
            ["nvim", "-u", startup.path, "-i", "NONE", "notes.txt"], in: dir, environment: environment)
        defer { tmux.close() }
        try expectScreen(tmux, shows: "passim lsp is ready", "Neovim's client")
        try tmux.type(":Telescope lsp_dynamic_workspace_symbols")
        try tmux.press("Enter")
        try expectScreen(tmux, shows: "LSP Dynamic Workspace Symbols", "Telescope")

        let start = try daemon.stats(in: dir)
        var query = ""
        var counts: Set<Int> = []
        for (index, character) in Self.typed.enumerated() {
            query.append(character)
            try tmux.type(String(character))
            _ = try daemon.waitForStats(in: dir) { $0.queries.total >= start.queries.total + index + 1 }
            let count = try Self.searchedInProcess(query, in: dir).hits.count
            counts.insert(count)
            try expectPrompt(tmux, query, count, "Telescope while typing")
        }
        let typed = try daemon.stats(in: dir)
        #expect(typed.queries.total - start.queries.total == Self.typed.count, "\(daemon.log)")
        #expect(counts.count > 1, "every prefix of \(Self.typed) has the same count: the refinement went unchecked")

        query = try typeWhilePaused(query, in: tmux, daemon, "Telescope with the daemon paused") { "> \($0)" }
        try expectPrompt(
            tmux, query, try Self.searchedInProcess(query, in: dir).hits.count, "Telescope after the pause")
        // The daemon counts a search once it has written its answer: waited for, not raced.
        let after = try daemon.waitForStats(in: dir) { $0.queries.total >= typed.queries.total + 2 }
        #expect(after.queries.total - typed.queries.total == 2, "\(daemon.log)")
        #expect(after.queries.cancelled == typed.queries.cancelled, "\(after.queries)")

        // The list is `passim search`'s hits, best first from the bottom up.
        let hits = try EditorTests.expectedHits(query, socket: daemon.socket, in: dir)
        let files = hits.map { "corpus/" + URL(fileURLWithPath: $0.file).lastPathComponent.prefix(13) }
        #expect(
            try tmux.waitForScreen { Self.listedFiles($0) == files } != nil,
            "not listed in rank order: \(files)\n\(tmux.screenForMessages)")

        // Enter on a hit whose byte and character columns differ.
        let chosen = try #require(
            hits.firstIndex { !$0.stale && $0.byteColumn != $0.characterColumn }, "no hit after a multibyte character")
        try Self.telescope.choose(tmux, chosen)
        let visit = try Self.jump(tmux, in: dir)
        let hit = hits[chosen]
        #expect(visit.file == hit.file && visit.line == hit.line && visit.column == hit.byteColumn, "\(visit)")
        #expect(visit.rest.hasPrefix(hit.word), "Neovim is not on `\(hit.word)`: \(visit.rest)")
    }

    /// The files of the symbols Telescope lists, bottom up, as far as their names show (the
    /// folder and 13 characters): the first `corpus/` of each line, left of the preview.
    static func listedFiles(_ screen: String) -> [String] {
        screen.split(separator: "\n").compactMap { line in
            line.range(of: "corpus/").map { String(line[$0.lowerBound...].prefix(20)) }
        }.reversed()
    }

    /// Waits for Telescope's prompt line to show `query` and its counter `count / count` (none
    /// for no symbols).
    func expectPrompt(_ tmux: TmuxSession, _ query: String, _ count: Int, _ context: String) throws {
        let seen = try tmux.waitForScreen { screen in
            screen.split(separator: "\n").contains { line in
                line.contains("> \(query) ")
                    && (count == 0 ? !line.contains(" / ") : line.contains(" \(count) / \(count)"))
            }
        }
        try #require(seen != nil, "\(context): `\(query)` with \(count) symbols not shown\n\(tmux.screenForMessages)")
    }
}
