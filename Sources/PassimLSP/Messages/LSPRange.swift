/// A place in a text document as LSP counts it: a 0-based line and a 0-based offset in that
/// line, in the position encoding negotiated in `initialize`.
public struct LSPPosition: Codable, Sendable, Hashable {
    public var line: Int
    public var character: Int

    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }
}

/// A range `[start, end)` in a text document.
public struct LSPRange: Codable, Sendable, Hashable {
    public var start: LSPPosition
    public var end: LSPPosition

    public init(start: LSPPosition, end: LSPPosition) {
        self.start = start
        self.end = end
    }
}

/// A range in the file a URI names.
public struct LSPLocation: Codable, Sendable, Hashable {
    /// A `file://` URI.
    public var uri: String
    public var range: LSPRange

    public init(uri: String, range: LSPRange) {
        self.uri = uri
        self.range = range
    }
}
