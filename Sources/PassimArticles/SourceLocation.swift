/// Where a piece of text sits in its source file.
///
/// Byte offsets are UTF-8 offsets into the file, `[byteStart, byteEnd)`. Lines and columns
/// are 1-based; columns count UTF-8 bytes. The end position is exclusive: it is the line and
/// column just after the last byte (`"abc"` at line 1, column 1 ends at line 1, column 4).
public struct SourceLocation: Sendable, Hashable, Codable {
    public var byteStart: Int
    public var byteEnd: Int
    public var startLine: Int
    public var startColumn: Int
    public var endLine: Int
    public var endColumn: Int

    public init(
        byteStart: Int, byteEnd: Int, startLine: Int, startColumn: Int, endLine: Int, endColumn: Int
    ) {
        self.byteStart = byteStart
        self.byteEnd = byteEnd
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.endColumn = endColumn
    }
}
