import Foundation
import PassimArticles

/// Imports ready-made passages or whole articles from a JSON Lines file (one JSON object per
/// line), the bulk format other search engines load.
///
/// Two kinds of line are accepted:
/// - a passage: `{"article": "a1", "text": "...", "title"?: "...", "section"?: "...",
///   "source"?: "...", "id"?: ...}`. Consecutive lines with the same `article` form one
///   article, one passage per line, ordinals 1, 2, ... in line order (so the passage of the
///   third accepted line of `a1` is `a1#3`). A line without `article` is an article of its own,
///   named by its `id`. The article's title is the first line's `title`.
/// - an article: `{"id": "a1", "title"?: "...", "source"?: "...", "paragraphs": ["...", ...]}`;
///   each paragraph (a string, or `{"text", "section"?}`) becomes one passage.
///
/// `id` may be a string or an integer. `source` is filed as the article's source, so
/// `source:NAME` filters on it. Lines of one article must be consecutive: an article seen
/// again later in the same file is refused (importing it twice would replace the first part).
///
/// Locations: a passage's location is the span of its line in the JSONL file (byte range of the
/// line without its newline, that line's number, columns 1 to the line's length + 1), so an
/// editor or `--vimgrep` jumps to the line that holds it. Unlike an article file's passages,
/// the passage text is the decoded `text` value, not the bytes of that span (JSON escapes
/// them), and highlight columns are counted from the start of the line.
///
/// Articles are replaced whole, like an article file's: an unchanged article (same lines, same
/// file) is skipped. A line that cannot be used is reported with its number and the run goes on;
/// an index failure stops the run with the current batch rolled back.
public final class JSONLImporter {
    private let writer: IndexWriter

    /// Imports through `writer`, which the caller keeps open (and closes).
    public init(writer: IndexWriter) {
        self.writer = writer
    }

    /// Imports the JSONL file at `path`. Failures name the file and line: `data.jsonl:12`.
    public func importFile(
        at path: String, options: Ingestor.Options = Ingestor.Options(), progress: ((IngestProgress) -> Void)? = nil
    ) throws(IndexError) -> IngestReport {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let handle = FileHandle(forReadingAtPath: absolute) else {
            throw IndexError(.io, "cannot open \(path): check that the file exists and is readable")
        }
        defer { try? handle.close() }
        // Progress counts bytes: the number of lines is not known before the end.
        let size = (try? FileManager.default.attributesOfItem(atPath: absolute)[.size] as? Int) ?? 0
        let run = IngestRun(writer: writer, options: options)
        let readFailure = { (error: any Error) in
            IndexError(.io, "cannot read \(path): \(error.localizedDescription)")
        }
        return try run.run(otherFailure: readFailure) { run in
            var lines = ImportRun(path: path, absolutePath: absolute, run: run)
            var reader = LineReader(handle: handle)
            while let line = try reader.next() {
                try lines.take(line)
                if run.shouldStop { break }
                if line.number % 1000 == 0 {
                    progress?(IngestProgress(done: line.offset, total: size, path: "\(path):\(line.number)"))
                }
            }
            try lines.finish()
        }
    }
}

/// One line of the file: its bytes, 1-based number, and byte offset.
private struct RawLine {
    var bytes: ArraySlice<UInt8>
    var number: Int
    var offset: Int
}

/// Reads a file line by line in large chunks, so a file of any size is never held whole.
private struct LineReader {
    static let chunkSize = 1 << 20
    let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private var number = 0
    private var offset = 0

    init(handle: FileHandle) {
        self.handle = handle
    }

    mutating func next() throws -> RawLine? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                return emit(upTo: newline, consumed: newline + 1)
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                return emit(upTo: buffer.count, consumed: buffer.count)
            }
            buffer.removeFirst(start)
            start = 0
            if let chunk = try handle.read(upToCount: Self.chunkSize), !chunk.isEmpty {
                buffer.append(contentsOf: chunk)
            } else {
                atEnd = true
            }
        }
    }

    private mutating func emit(upTo end: Int, consumed: Int) -> RawLine {
        var stop = end
        if stop > start, buffer[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
        number += 1
        let line = RawLine(bytes: buffer[start..<stop], number: number, offset: offset)
        offset += consumed - start
        start = consumed
        return line
    }
}

/// The JSON shape of a line; which members are present decides its kind.
private struct LineRecord: Decodable {
    /// A string or an integer id.
    struct Identifier: Decodable {
        var value: String
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                value = String(number)
            } else {
                value = try container.decode(String.self)
            }
        }
    }

    /// A paragraph of an article line: a string, or `{"text", "section"?}`.
    struct Paragraph: Decodable {
        var text: String
        var section: String?
        private enum Keys: String, CodingKey { case text, section }
        init(from decoder: Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                self.text = text
                return
            }
            let container = try decoder.container(keyedBy: Keys.self)
            text = try container.decode(String.self, forKey: .text)
            section = try container.decodeIfPresent(String.self, forKey: .section)
        }
    }

    var id: Identifier?
    var article: String?
    var source: String?
    var title: String?
    var section: String?
    var text: String?
    var paragraphs: [Paragraph]?
}

/// The state of one import's lines: the article being gathered and the articles written; the
/// writing itself, the batches and the report are the `IngestRun`'s.
private struct ImportRun {
    /// Passages of one article gathered from consecutive lines.
    struct PendingArticle {
        var id: String
        var title: String?
        var source: String?
        var passages: [Passage] = []
        var firstLine: Int
        var lastLine: Int
        var hash = FNV1a()
        var bytes = 0
    }

    let path: String
    let absolutePath: String
    let run: IngestRun
    let decoder = JSONDecoder()
    var pending: PendingArticle?
    /// Articles already written by this run, with their first and last line.
    var written: [String: (first: Int, last: Int)] = [:]

    init(path: String, absolutePath: String, run: IngestRun) {
        self.path = path
        self.absolutePath = absolutePath
        self.run = run
    }

    /// Decodes one line and adds it to the pending article (writing the previous article when
    /// this line starts another), or records why the line cannot be used.
    mutating func take(_ line: RawLine) throws(IndexError) {
        if line.bytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { return }
        let record: LineRecord
        do {
            record = try decoder.decode(LineRecord.self, from: Data(line.bytes))
        } catch {
            fail(line, "not a JSON object with the expected members (\(Self.describe(error)))")
            return
        }
        switch (record.text, record.paragraphs) {
        case (.some, .some):
            fail(line, "has both \"text\" (a passage) and \"paragraphs\" (an article): use one")
        case (nil, nil):
            fail(line, "needs \"text\" (one passage) or \"paragraphs\" (a whole article)")
        case (.some(let text), nil):
            try takePassage(record, text: text, line: line)
        case (nil, .some(let paragraphs)):
            try takeArticle(record, paragraphs: paragraphs, line: line)
        }
    }

    private mutating func takePassage(_ record: LineRecord, text: String, line: RawLine) throws(IndexError) {
        guard let articleID = record.article ?? record.id?.value, !articleID.isEmpty else {
            fail(line, "a passage needs \"article\" (or \"id\") to name the article it belongs to")
            return
        }
        guard !text.isEmpty else {
            fail(line, "\"text\" is empty")
            return
        }
        if pending?.id != articleID {
            guard try begin(articleID, title: record.title, source: record.source, line: line) else { return }
        }
        pending?.add(text, section: record.section, line: line)
    }

    private mutating func takeArticle(
        _ record: LineRecord, paragraphs: [LineRecord.Paragraph], line: RawLine
    ) throws(IndexError) {
        guard let articleID = record.id?.value, !articleID.isEmpty else {
            fail(line, "an article needs an \"id\"")
            return
        }
        let usable = paragraphs.filter { !$0.text.isEmpty }
        guard !usable.isEmpty else {
            fail(line, "\"paragraphs\" has no text")
            return
        }
        guard try begin(articleID, title: record.title, source: record.source, line: line) else { return }
        for paragraph in usable {
            pending?.add(paragraph.text, section: paragraph.section, line: line)
        }
        try writePending()
    }

    /// Writes the article gathered so far and starts article `id` at `line`; false (and a
    /// failure) when `id` was imported earlier in this file.
    private mutating func begin(_ id: String, title: String?, source: String?, line: RawLine) throws(IndexError) -> Bool
    {
        if let previous = written[id] ?? pending.flatMap({ $0.id == id ? ($0.firstLine, $0.lastLine) : nil }) {
            fail(
                line,
                "article \(id) was already imported from lines \(previous.first)-\(previous.last): "
                    + "the lines of one article must be consecutive")
            return false
        }
        try writePending()
        pending = PendingArticle(id: id, title: title, source: source, firstLine: line.number, lastLine: line.number)
        return true
    }

    /// Writes what is left (the run commits).
    mutating func finish() throws(IndexError) {
        try writePending()
    }

    private mutating func writePending() throws(IndexError) {
        guard let gathered = pending else { return }
        pending = nil
        guard !gathered.passages.isEmpty else { return }
        written[gathered.id] = (gathered.firstLine, gathered.lastLine)
        let absolutePath = self.absolutePath
        let candidate = ArticleCandidate(
            id: gathered.id, path: absolutePath, displayPath: "\(path):\(gathered.firstLine)",
            contentHash: gathered.hash.hex
        ) {
            var article = Article(
                id: gathered.id, path: absolutePath, title: gathered.title ?? "", titleIsDerived: gathered.title == nil,
                sources: gathered.source.map { [$0] } ?? [], passages: gathered.passages, acronyms: [],
                contentHash: gathered.hash.hex, byteCount: gathered.bytes)
            // Only a changed article's texts are read for acronyms, as the article parser would.
            article.acronyms = Acronym.defined(in: [article.title] + article.passages.map(\.text))
            return article
        }
        do {
            try run.offer(candidate)
        } catch let error as ArticleError {
            run.fail(path: error.path, message: error.message)
        } catch {
            throw IndexError.mapping(error, path: absolutePath, context: "cannot import \(path)")
        }
    }

    private func fail(_ line: RawLine, _ message: String) {
        run.fail(path: "\(path):\(line.number)", message: message)
    }

    /// A short reason from a decoding error: which member, and what was wrong with it.
    private static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let member = context.codingPath.map(\.stringValue).joined(separator: ".")
            return member.isEmpty ? "expected a JSON object" : "\"\(member)\" should be \(type)"
        case .keyNotFound(let key, _):
            return "missing \"\(key.stringValue)\""
        case .dataCorrupted(let context):
            return context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription
        @unknown default:
            return "\(error)"
        }
    }
}

extension ImportRun.PendingArticle {
    /// Adds one passage whose location is the span of `line`; the line's bytes count once
    /// toward the article's fingerprint however many passages it holds.
    fileprivate mutating func add(_ text: String, section: String?, line: RawLine) {
        let location = SourceLocation(
            byteStart: line.offset, byteEnd: line.offset + line.bytes.count, startLine: line.number, startColumn: 1,
            endLine: line.number, endColumn: line.bytes.count + 1)
        passages.append(
            Passage(ordinal: passages.count + 1, section: section, text: text, location: location, kind: .paragraph))
        if passages.count == 1 || lastLine != line.number {
            // Each line with its newline: the fingerprint of the article's lines as the file has them.
            hash.add(line.bytes)
            hash.add(CollectionOfOne(0x0A))
            bytes += line.bytes.count
        }
        lastLine = line.number
    }
}
