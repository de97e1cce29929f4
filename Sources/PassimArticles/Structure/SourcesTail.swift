/// The trailing list of source links of an article: metadata, not passage text.
///
/// Recognized at the end of the file only: a "Sources" (or "References", ...) heading followed
/// by lines that carry links, or, without such a heading, a run of lines that are bare links.
/// Blank and boilerplate lines in between are part of the tail.
struct SourcesTail {
    /// Headings that introduce a list of sources (compared lower-cased, without `:`/`#`/`*`).
    static let headings: Set<String> = [
        "sources", "source", "references", "reference", "bibliography", "citations",
        "works cited", "further reading", "sources and references",
    ]

    /// The longest line read as one of the sources (several links with their titles fit).
    static let longestLine = 2_000

    /// Index of the tail's first line; `lines.count` when there is no tail.
    let start: Int
    /// The links, in file order.
    let urls: [String]

    init(lines: [Line]) {
        var index = lines.count - 1
        // Lines with links, from the last one up; `bare` when the line is nothing but the link.
        var linked: [(index: Int, urls: [String], bare: Bool)] = []
        while index >= 0 {
            let line = lines[index]
            if line.isBlank || line.isBoilerplate {
                index -= 1
                continue
            }
            // A line of sources is a link and perhaps its title; a longer one is a paragraph
            // (that may end in a link), and finding links in a huge one was most of its parse.
            guard line.text.utf8.count <= Self.longestLine else { break }
            let body = line.marker?.body ?? line.text
            let found = TextShape.urls(in: body) + line.links.filter(TextShape.isWebLink)
            guard !found.isEmpty else { break }
            linked.append((index, found, TextShape.isBareURL(body)))
            index -= 1
        }
        if index >= 0, SourcesTail.isHeading(lines[index]) {
            start = index
            urls = linked.reversed().flatMap(\.urls)
            return
        }
        // Without a heading only bare links are metadata: a sentence ending in a link is text.
        let bare = linked.prefix(while: \.bare)
        start = bare.last?.index ?? lines.count
        urls = bare.reversed().flatMap(\.urls)
    }

    static func isHeading(_ line: Line) -> Bool {
        var name = Substring(line.text.lowercased())
        let decoration: Set<Character> = ["#", "*", "_", ":", " ", "\t"]
        while let first = name.first, decoration.contains(first) { name.removeFirst() }
        while let last = name.last, decoration.contains(last) { name.removeLast() }
        return headings.contains(String(name))
    }
}
