import Foundation
import PassimProtocol
import PassimTestSupport
import Testing

/// `passim lsp` in the real editors' own LSP clients, headless: each `workspace/symbol` answer
/// is the search's hits in rank order (title as container, heading and snippet as name), and
/// jumping to each symbol lands on its first matched word, in the editor's own column unit.
/// Neovim goes through a running daemon, Emacs (eglot) searches in process with none running.
@Suite(.serialized) struct LSPEditorTests {
    @Test(.enabled(if: Editor.neovim.isInstalled, Editor.neovim.notInstalled))
    func neovimsClientFindsPassagesThroughTheDaemon() throws {
        let dir = try Self.corpus()
        let daemon = try DaemonProcess(index: "idx", in: dir)
        defer { daemon.stop() }
        let before = try daemon.stats(in: dir)
        let report = try run(.neovim, script: LSPEditorScripts.neovim, extension: "lua", socket: daemon.socket, in: dir)
        let after = try daemon.stats(in: dir)
        #expect(after.queries.total - before.queries.total == EditorTests.queries.count, "\(daemon.log)")
        try check(report, of: .neovim, socket: daemon.socket, in: dir)
    }

    @Test(.enabled(if: Editor.emacs.isInstalled && LSPEditorTests.eglotIsInstalled, LSPEditorTests.eglotMissing))
    func eglotFindsPassagesInProcess() throws {
        let dir = try Self.corpus()
        let socket = dir.path("nobody.sock")
        let report = try run(.emacs, script: LSPEditorScripts.emacs, extension: "el", socket: socket, in: dir)
        try check(report, of: .emacs, socket: socket, in: dir)
    }

    /// Debian's eglot for Emacs 28 (Emacs 29 has its own).
    static var eglotIsInstalled: Bool {
        FileManager.default.fileExists(atPath: "/usr/share/emacs/site-lisp/elpa/eglot-1.9")
            || ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/share/emacs/site-lisp/elpa")) ?? [])
                .contains { $0.hasPrefix("eglot-") }
    }

    static let eglotMissing = Comment(
        rawValue: "emacs-nox or Debian's elpa-eglot is not installed (scripts/setup installs both)")

    /// The seed corpus indexed as `idx`, edited afterwards as `EditorTests` does (lines added
    /// above some hits, one passage rewritten), and an empty `notes.txt` for the editor to open.
    static func corpus() throws -> TemporaryDirectory {
        let dir = try DaemonCLITests.indexedCorpus()
        try EditorTests.editAfterIndexing(dir)
        try dir.write("notes.txt", "Notes.\n")
        try JSONEncoder().encode(EditorTests.queries).write(to: dir.file("queries.json"))
        return dir
    }

    /// Runs `script` in `editor` with `passim lsp` pointed at `socket`; what the editor saw.
    func run(
        _ editor: Editor, script: String, extension fileExtension: String, socket: String, in dir: TemporaryDirectory
    ) throws -> LSPEditorReport {
        let run = try editor.run(
            script: script, extension: fileExtension, in: dir,
            environment: [
                "PASSIM_TEST_DIR": dir.url.path, "PASSIM_TEST_BINARY": PassimProcess.binary.path,
                "PASSIM_TEST_SOCKET": socket,
            ])
        let report = try EditorTests.report(LSPEditorReport.self, from: run, of: editor, in: dir)
        #expect(run.status == 0, "\(editor.name) exited \(run.status): \(run.stderr)")
        try #require(report.searches.count == EditorTests.queries.count, "\(run.stderr)")
        return report
    }

    /// Checks every symbol of `report` against `passim search --json` for the same query.
    func check(_ report: LSPEditorReport, of editor: Editor, socket: String, in dir: TemporaryDirectory) throws {
        var columnsDiffer = false
        for (query, search) in zip(EditorTests.queries, report.searches) {
            let hits = try EditorTests.expectedHits(query, socket: socket, in: dir)
            let titles = try Self.titles(query, socket: socket, in: dir)
            try #require(!hits.isEmpty, "no hits for \(query)")
            #expect(search.query == query)
            #expect(
                search.symbols.count == hits.count, "\(editor.name) got \(search.symbols.count) symbols for \(query)")
            #expect(search.visited.count == hits.count)
            for (rank, (symbol, title)) in zip(search.symbols, titles).enumerated() {
                #expect(symbol.container == title, "\(editor.name), \(query), symbol \(rank + 1)")
                #expect(symbol.kind == 15)
            }
            for (rank, (visit, hit)) in zip(search.visited, hits).enumerated() {
                let place = "\(editor.name), \(query), symbol \(rank + 1): \(visit)"
                #expect(visit.file == hit.file && visit.line == hit.line, "\(place)")
                // A stale hit's place is the indexed version's: the line's start, nothing to land on.
                guard !hit.stale else { continue }
                let column = editor.name == Editor.neovim.name ? hit.byteColumn : hit.characterColumn
                #expect(visit.column == column, "\(place)")
                #expect(visit.rest.hasPrefix(hit.word), "\(place) is not on `\(hit.word)`")
                #expect(search.symbols[rank].name.contains(hit.word), "\(search.symbols[rank].name)")
                columnsDiffer = columnsDiffer || hit.byteColumn != hit.characterColumn
            }
            #expect(hits.contains { $0.stale } || query != "stem cells", "the rewritten passage is not a hit")
        }
        #expect(columnsDiffer, "no hit where byte and character columns differ: the encoding went unchecked")
    }

    /// Each hit's article title, from `passim search --json`.
    static func titles(_ query: String, socket: String, in dir: TemporaryDirectory) throws -> [String] {
        let cli = try PassimProcess.run(
            ["search", "--index", "idx", "--socket", socket, "--json", "--limit", "50", query], in: dir.url)
        return try SearchJSON.decode(cli.stdout).hits.map(\.article.title)
    }
}

/// What the LSP scripts write: per query, the symbols and where jumping to each put the cursor.
struct LSPEditorReport: Decodable {
    struct Symbol: Decodable {
        var name: String
        var container: String
        var kind: Int
    }

    struct Search: Decodable {
        var query: String
        var symbols: [Symbol]
        var visited: [EditorReport.Visit]
    }

    var searches: [Search]
}
