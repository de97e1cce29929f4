/// Web-page chrome that articles saved from the web carry: whole lines with nothing to find.
enum Boilerplate {
    /// Lines compared after lower-casing, trimming trailing `:`/`»`/`…`-style symbols and
    /// collapsing spaces. Only whole lines match: "Read more about PRP below." is content.
    static let phrases: Set<String> = [
        "leave a reply", "leave a comment", "leave a reply cancel reply", "cancel reply",
        "share this", "share this article", "share this post", "share", "share on facebook",
        "share on twitter", "read more", "continue reading", "related posts", "related articles",
        "related", "you may also like", "like this", "post navigation", "previous post",
        "next post", "click here", "subscribe", "advertisement", "print", "tweet",
        "comments", "no comments", "back to top", "skip to content",
    ]

    /// Longer lines are content whatever they say: no phrase with its trailing symbols comes
    /// near this, and a long line (a whole paragraph) is then never lower-cased to find out.
    static let longestLine = 80

    static func matches(_ line: String) -> Bool {
        line.utf8.count <= longestLine && phrases.contains(normalize(line))
    }

    static func normalize(_ line: String) -> String {
        let trailing: Set<Character> = [":", "»", "›", "…", ".", "!", "→", ">", "-", "|"]
        var text = Substring(line.lowercased())
        while let last = text.last, trailing.contains(last) || last.isWhitespace {
            text.removeLast()
        }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
