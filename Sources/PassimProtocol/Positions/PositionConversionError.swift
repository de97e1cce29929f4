/// Why a UTF-8 position could not be converted to the connection's encoding.
public enum PositionConversionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An offset past the end of its text.
    case offsetOutOfRange(offset: Int, length: Int)
    /// An offset inside a multi-byte character.
    case notCharacterBoundary(offset: Int)
    /// A line number the file does not have.
    case lineOutOfRange(line: Int, lineCount: Int)
    /// A column past the end of its line.
    case columnOutOfRange(line: Int, column: Int)
    /// The file's bytes at a passage's location are not the passage's text: the file changed
    /// since it was indexed.
    case sourceChanged(path: String)
    /// The file could not be read.
    case sourceUnavailable(path: String, reason: String)

    /// A sentence for logs and error messages.
    public var description: String {
        switch self {
        case .offsetOutOfRange(let offset, let length):
            return "offset \(offset) is past the end of a \(length)-byte text"
        case .notCharacterBoundary(let offset):
            return "offset \(offset) falls inside a UTF-8 character"
        case .lineOutOfRange(let line, let lineCount):
            return "line \(line) is outside the file's \(lineCount) lines"
        case .columnOutOfRange(let line, let column):
            return "column \(column) is past the end of line \(line)"
        case .sourceChanged(let path):
            return "\(path) changed since it was indexed; run `passim ingest` to update it"
        case .sourceUnavailable(let path, let reason):
            return
                "cannot read \(path) to convert positions: \(reason); if the file moved, run `passim ingest` on its new place"
        }
    }
}
