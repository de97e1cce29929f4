/// Why one article file could not be read or parsed; the run goes on with the other files.
public struct ArticleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the file.
    public enum Reason: Sendable, Hashable {
        /// Nothing exists at the path.
        case notFound
        /// The path is a device, socket, pipe or other non-regular file.
        case notRegularFile
        /// The file or directory exists but cannot be opened; `detail` is the system's reason.
        case unreadable(detail: String)
        /// A directory given to scan holds no article file (`.txt`, `.md`, `.html`, ...).
        case noArticleFiles
        /// The file has no bytes, or only whitespace.
        case empty
        /// The file holds NUL bytes or mostly control bytes: it is not text.
        case binary
        /// The file is text in UTF-16 (it starts with a UTF-16 byte order mark).
        case utf16
        /// The byte at `byteOffset` (0-based; 1-based `line` and byte `column`) is not UTF-8.
        case invalidUTF8(byteOffset: Int, line: Int, column: Int, byte: UInt8)
        /// The file has text but no paragraph, list or table (only headings, links, chrome).
        case noPassages
        /// Another file of the same scan already has this article id.
        case duplicateID(id: String, firstPath: String)
        /// The file is larger than the limit for one article file (`bytes` is its size).
        case tooLarge(bytes: Int, limit: Int)
        /// The article id (the path without extension) is longer than the index can hold.
        case idTooLong(bytes: Int, limit: Int)
        /// The file's name is not valid UTF-8; `bytes` are the name's bytes.
        case invalidFileName(bytes: [UInt8])
        /// A path given to ingest is not valid UTF-8 (it was repaired, with U+FFFD, on the way in).
        case pathNotUTF8
        /// A web page's bytes at `byteOffset` are not valid in its encoding (declared or assumed).
        case undecodable(encoding: String, byteOffset: Int)
        /// A web page declares a character encoding that cannot be read.
        case unknownEncoding(name: String)
    }

    /// The file (or directory) the error is about, as given or found.
    public var path: String
    public var reason: Reason

    /// Creates an error for a path.
    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// What is wrong and what to do about it, without the path.
    public var message: String {
        switch reason {
        case .notFound:
            "no such file or directory; check the path"
        case .notRegularFile:
            "not a regular file (a device, socket or pipe); give a .txt or .md file or a directory"
        case .unreadable(let detail):
            "cannot be read (\(detail)); check its permissions (e.g. chmod u+r) or its owner"
        case .noArticleFiles:
            "the directory holds no .txt, .md or .html files; add articles to it or give another path"
        case .empty:
            "the file is empty or only whitespace; add the article's text or remove the file"
        case .binary:
            "this is a binary file, not text (it has NUL or control bytes); only UTF-8 .txt and "
                + ".md articles can be ingested: remove it or move it out of the corpus"
        case .utf16:
            "the file is UTF-16 text; convert it to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)"
        case .invalidUTF8(let offset, let line, let column, let byte):
            "the file is not valid UTF-8: byte 0x\(Self.hex(byte)) at offset \(offset) (line "
                + "\(line), column \(column)); convert the file to UTF-8 (e.g. iconv -f "
                + "WINDOWS-1252 -t UTF-8) or fix that byte"
        case .undecodable(let encoding, let offset):
            "the page's bytes at offset \(offset) are not valid \(encoding), the encoding it declares "
                + "(or, without a declaration, the one it was read in); fix the page's <meta charset> or "
                + "save it again as UTF-8"
        case .unknownEncoding(let name):
            "the page declares the character encoding \(name), which cannot be read; save it as UTF-8 "
                + "or fix its <meta charset>"
        case .noPassages:
            "no passages found: the file has no title, paragraph, list or table (only headings, "
                + "links or page chrome); add body text or remove the file"
        case .tooLarge(let bytes, let limit):
            "the file is \(ByteSize.text(bytes)), more than the \(ByteSize.text(limit)) one article file may have; "
                + "split it into articles, or raise the limit with --max-file-size (e.g. --max-file-size "
                + "\(ByteSize.suggestion(above: bytes)))"
        case .idTooLong(let bytes, let limit):
            "the article id (its folder's name and the path below it, without the extension) is \(bytes) "
                + "bytes, and the index holds ids of at most \(limit): shorten the file's name or its folders' names"
        case .invalidFileName(let bytes):
            "the file's name is not valid UTF-8 (its bytes: \(bytes.map(Self.hex).joined(separator: " "))); "
                + "rename it to UTF-8, e.g. with `convmv -f latin1 -t utf8 --notest` on it"
        case .pathNotUTF8:
            "this path is not valid UTF-8 (shown with � where its bytes are not), so it cannot be "
                + "opened as given: pass the folder that holds it, which reports the name's bytes, or "
                + "rename it to UTF-8 (e.g. with convmv)"
        case .duplicateID(let id, let firstPath):
            "has the same article id '\(id)' as \(firstPath) (the id is the path without its "
                + "extension); rename or remove one of them"
        }
    }

    /// `path: message`, ready to print.
    public var description: String { "\(path): \(message)" }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}
