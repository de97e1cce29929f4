/// Makes a title for an article that has no title line.
enum TitleDeriver {
    /// Longest derived title, in characters, "…" included.
    static let maxLength = 80

    /// The first sentence of `text`, without a list marker, spaces collapsed, shortened at a word
    /// boundary with "…" when longer than `maxLength`; a final `.` is dropped.
    static func title(fromSentence text: String) -> String {
        var sentence = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        if let marker = ListMarker(text: sentence, at: 0) { sentence = marker.body }
        return shortened(sentence)
    }

    static func shortened(_ text: String) -> String {
        if text.count <= maxLength {
            return text.hasSuffix(".") && !text.hasSuffix("..") ? String(text.dropLast()) : text
        }
        var result = ""
        for word in text.split(separator: " ") {
            let candidate = result.isEmpty ? String(word) : result + " " + word
            if candidate.count + 1 > maxLength { break }
            result = candidate
        }
        if result.isEmpty { result = String(text.prefix(maxLength - 1)) }
        let dangling: Set<Character> = [",", ";", ":", "-", "–", "—", "(", "/", " "]
        while let last = result.last, dangling.contains(last) { result.removeLast() }
        return result + "…"
    }

    /// The name of a file without directories and extension: `corpus/a.b.txt` -> `a.b`.
    static func fileStem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
