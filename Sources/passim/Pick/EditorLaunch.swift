import Foundation

/// How `passim pick` opens the chosen passage: `$VISUAL`, else `$EDITOR`, else `vi`, with the
/// arguments each editor takes to start at a line and column.
struct EditorLaunch: Equatable {
    /// The program and its arguments, the file's place included.
    var arguments: [String]

    /// `command` is `$VISUAL`/`$EDITOR` as written (words split at spaces, as `git` does for
    /// simple values); `byteColumn` is the match's column in bytes, `characterColumn` in
    /// characters, for the editors that count those.
    init(command: String, path: String, line: Int, byteColumn: Int, characterColumn: Int) {
        var words = command.split(separator: " ").map(String.init)
        if words.isEmpty { words = ["vi"] }
        let name = URL(fileURLWithPath: words[0]).lastPathComponent
        let place: [String]
        switch name {
        case "vim", "nvim", "gvim", "mvim", "vimx", "view", "nvim-qt":
            // Vim and Neovim columns are bytes; `cursor()` takes them as they are.
            place = ["+call cursor(\(line), \(byteColumn))", path]
        case "emacs", "emacsclient", "mg":
            place = ["+\(line):\(characterColumn)", path]
        case "nano", "pico":
            place = ["+\(line),\(characterColumn)", path]
        case "micro", "kak", "kakoune", "jed":
            place = ["+\(line):\(characterColumn)", path]
        case "hx", "helix", "subl", "sublime_text":
            place = ["\(path):\(line):\(characterColumn)"]
        case "code", "codium", "code-oss":
            place = ["--goto", "\(path):\(line):\(characterColumn)"]
        default:
            // vi, ed-like and unknown editors: the line only, which every Unix editor takes.
            place = ["+\(line)", path]
        }
        arguments = words + place
    }

    /// The editor the environment names.
    static func command(environment: [String: String]) -> String {
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name], !value.trimmingCharacters(in: .whitespaces).isEmpty { return value }
        }
        return "vi"
    }

    /// The character column of byte column `byteColumn` on line `line` of the file at `path`
    /// (the byte column when the file cannot be read there).
    static func characterColumn(path: String, line: Int, byteColumn: Int) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return byteColumn }
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.indices.contains(line - 1) else { return byteColumn }
        let before = lines[lines.startIndex + line - 1].prefix(max(0, byteColumn - 1))
        return String(decoding: before, as: UTF8.self).unicodeScalars.count + 1
    }

    /// Replaces this process with the editor, which then owns the terminal; returns only when
    /// the editor cannot be started (the error number).
    func exec() -> Int32 {
        Exec.replacingProcess(with: arguments)
    }
}
