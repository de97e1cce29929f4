/// How an article file is written, told by its extension.
public enum ArticleFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// Plain text (`.txt`, and any file given directly with another extension).
    case text
    /// Markdown (`.md`, `.markdown`).
    case markdown
    /// A saved web page (`.html`, `.htm`, `.xhtml`).
    case html

    /// The format of the file at `path`.
    public init(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else {
            self = .text
            return
        }
        switch name[name.index(after: dot)...].lowercased() {
        case "md", "markdown": self = .markdown
        case "html", "htm", "xhtml": self = .html
        default: self = .text
        }
    }
}
