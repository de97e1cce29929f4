import Foundation
import Testing

@testable import PassimArticles

/// Scanning and reading real files in a temporary directory, and every per-file error.
@Suite struct ReaderTests {
    let body = "Title Line\nA paragraph of body text that is long enough to count.\n"

    /// Reads everything under `paths`: ids of the files read, and the errors.
    func readAll(_ paths: [String]) -> (ids: [String], errors: [ArticleError]) {
        var ids: [String] = []
        var errors: [ArticleError] = []
        for item in ArticleReader(paths: paths) {
            switch item {
            case .success(let file): ids.append(file.id)
            case .failure(let error): errors.append(error)
            }
        }
        return (ids, errors)
    }

    /// A sparse terabyte is refused from its size, before a byte is read or allocated (before,
    /// the read reserved the file's size and the process died), and the scan goes on.
    @Test func aFileOverTheSizeLimitIsAPerFileErrorAndNothingIsAllocated() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("a.txt", body)
        let huge = try dir.write("huge.txt", "")
        #expect(truncate(huge, 1 << 40) == 0)
        let (ids, errors) = readAll([dir.path])
        #expect(ids == ["a"])
        #expect(errors.map(\.reason) == [.tooLarge(bytes: 1 << 40, limit: ArticleReader.defaultMaxFileBytes)])
        #expect(errors.first?.message.contains("the file is 1 TiB, more than the 64 MiB") == true)
        #expect(errors.first?.message.contains("--max-file-size 2T") == true, "\(errors)")

        let small = CorpusEntry(id: "a", path: dir.path + "/a.txt")
        #expect(throws: ArticleError(path: small.path, reason: .tooLarge(bytes: body.utf8.count, limit: 10))) {
            _ = try ArticleReader.read(small, maxBytes: 10)
        }
        #expect(try ArticleReader.read(small, maxBytes: body.utf8.count).bytes.count == body.utf8.count)
    }

    @Test(arguments: [
        ("64M", 64 << 20), ("64m", 64 << 20), ("1G", 1 << 30), ("1GiB", 1 << 30), ("1.5K", 1536), ("200000", 200_000),
        ("2T", 2 << 40), ("10MB", 10 << 20),
    ])
    func sizesAreParsedAsPeopleWriteThem(text: String, bytes: Int) {
        #expect(ByteSize.parse(text) == bytes)
    }

    @Test func nonSizesAreRefused() {
        for text in ["", "M", "-1M", "12Q", "1..5M", "1e400"] {
            #expect(ByteSize.parse(text) == nil, "\(text)")
        }
    }

    @Test func idsAreRelativePathsWithoutExtension() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("b.txt", body)
        try dir.write("a.md", body)
        try dir.write("sub/deeper/c.TXT", body)
        try dir.write("notes.pdf", [0x25, 0x50, 0x44, 0x46, 0x00])
        try dir.write(".hidden.txt", body)
        try dir.write(".git/x.txt", body)
        try dir.write("README.md", "# About this folder\n\nNot an article.\n")
        let (ids, errors) = readAll([dir.path])
        #expect(errors.isEmpty)
        #expect(ids == ["a", "b", "sub/deeper/c"])
    }

    @Test func directoryEntriesOfEveryNameLengthAreListedWhole() throws {
        // Names from 1 to 250 bytes (non-ASCII too) give readdir records of every size; each
        // name must come back exactly, read up to its NUL and no further.
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var expected: Set<String> = []
        for length in 1...246 {
            let name = String(
                repeating: length.isMultiple(of: 7) ? "é" : "n", count: length.isMultiple(of: 7) ? length / 2 : length)
            try dir.write(name + ".txt", body)
            expected.insert(name + ".txt")
        }
        let listed = try FileSystem.entries(dir.path).get().map(\.text)
        #expect(Set(listed) == expected)
        #expect(listed.count == expected.count)
    }

    /// A name in Latin-1 cannot be carried in a path string: before, it was reported as "no such
    /// file" (the name was repaired on reading and no longer existed); now the error says why,
    /// and the other files are read.
    @Test func aFileNameThatIsNotUTF8GetsItsOwnError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("good.txt", body)
        let latin1: [UInt8] = Array("caf".utf8) + [0xE9] + Array(".txt".utf8)
        let path = dir.path + "/" + String(decoding: latin1, as: UTF8.self)
        let descriptor = (Array(dir.path.utf8) + [0x2F] + latin1 + [0]).withUnsafeBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        #expect(descriptor >= 0)
        close(descriptor)
        let (ids, errors) = readAll([dir.path])
        #expect(ids == ["good"])
        #expect(errors == [ArticleError(path: path, reason: .invalidFileName(bytes: latin1))])
        #expect(errors.first?.message.contains("not valid UTF-8 (its bytes: 63 61 66 E9 2E 74 78 74)") == true)
    }

    @Test func pathsOfEntriesJoinTheRoot() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("sub/a.txt", body)
        let entries = CorpusScanner(paths: [dir.path + "/"]).scan().compactMap { try? $0.get() }
        #expect(entries == [CorpusEntry(id: "sub/a", path: dir.path + "/sub/a.txt")])
    }

    @Test func aFileGivenDirectlyUsesItsName() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("sub/article.v2.txt", body)
        let (ids, errors) = readAll([path])
        #expect(errors.isEmpty)
        #expect(ids == ["article.v2"])
    }

    @Test func theSameFileTwiceIsReadOnce() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("a.txt", body)
        let (ids, errors) = readAll([dir.path, path, dir.path])
        #expect(errors.isEmpty)
        #expect(ids == ["a"])
    }

    @Test func duplicateIDIsAnErrorForTheSecondFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("a.md", body)
        try dir.write("a.txt", body)
        let (ids, errors) = readAll([dir.path])
        #expect(ids == ["a"])
        let error = try #require(errors.first)
        #expect(error.path.hasSuffix("/a.txt"))
        #expect(error.reason == .duplicateID(id: "a", firstPath: dir.path + "/a.md"))
        #expect(error.description.contains("rename or remove one of them"))
    }

    @Test func missingPath() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let missing = dir.path + "/nope.txt"
        let (ids, errors) = readAll([missing])
        #expect(ids.isEmpty)
        #expect(errors == [ArticleError(path: missing, reason: .notFound)])
        #expect(errors.first?.description == "\(missing): no such file or directory; check the path")
    }

    @Test func directoryWithoutArticles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("image.png", [0x89, 0x50])
        #expect(readAll([dir.path]).errors == [ArticleError(path: dir.path, reason: .noArticleFiles)])
    }

    @Test func fifoIsNotARegularFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let fifo = dir.path + "/pipe.txt"
        try #require(mkfifo(fifo, 0o644) == 0)
        // Given directly and found in a directory: an error either way, and no blocking open.
        let (ids, errors) = readAll([fifo, dir.path])
        #expect(ids.isEmpty)
        #expect(errors.map(\.reason) == [.notRegularFile, .notRegularFile])
    }

    @Test(.disabled(if: geteuid() == 0, "running as root: chmod 000 does not stop root from reading"))
    func unreadableFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("secret.txt", body)
        try #require(chmod(path, 0o000) == 0)
        let (ids, errors) = readAll([dir.path])
        #expect(ids.isEmpty)
        let error = try #require(errors.first)
        #expect(error.reason == .unreadable(detail: "Permission denied"))
        #expect(error.message.contains("check its permissions"))
    }

    @Test(.disabled(if: geteuid() == 0, "running as root: chmod 000 does not stop root from listing"))
    func unreadableDirectory() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("locked/a.txt", body)
        try dir.write("open.txt", body)
        try #require(chmod(dir.path + "/locked", 0o000) == 0)
        let (ids, errors) = readAll([dir.path])
        #expect(ids == ["open"])
        #expect(errors.map(\.reason) == [.unreadable(detail: "Permission denied")])
    }

    static let badContents: [(name: String, bytes: [UInt8], reason: ArticleError.Reason)] = [
        ("empty", [], .empty),
        ("whitespace only", Array(" \n\t\r\n  \n".utf8), .empty),
        ("byte order mark only", [0xEF, 0xBB, 0xBF, 0x0A], .empty),
        ("NUL bytes", Array("Title\n".utf8) + [0x00, 0x01] + Array("text".utf8), .binary),
        ("mostly control bytes", [0x01, 0x02, 0x03, 0x1B, 0x41, 0x42, 0x43, 0x44], .binary),
        ("UTF-16 with BOM", [0xFF, 0xFE, 0x41, 0x00, 0x42, 0x00], .utf16),
        (
            "Latin-1 é on line 2", Array("Title Line\nCaf".utf8) + [0xE9] + Array(" au lait.\n".utf8),
            .invalidUTF8(byteOffset: 14, line: 2, column: 4, byte: 0xE9)
        ),
        (
            "truncated sequence at the end", Array("Some text here ".utf8) + [0xE2, 0x80],
            .invalidUTF8(byteOffset: 15, line: 1, column: 16, byte: 0xE2)
        ),
        (
            "overlong encoding", Array("ok ".utf8) + [0xC0, 0xAF],
            .invalidUTF8(byteOffset: 3, line: 1, column: 4, byte: 0xC0)
        ),
        (
            "UTF-16 surrogate encoded in UTF-8", Array("ok ".utf8) + [0xED, 0xA0, 0x80],
            .invalidUTF8(byteOffset: 3, line: 1, column: 4, byte: 0xED)
        ),
    ]

    @Test(arguments: badContents.indices)
    func badContentIsReportedOnReading(_ index: Int) throws {
        let row = Self.badContents[index]
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("bad.txt", row.bytes)
        let (ids, errors) = readAll([dir.path])
        #expect(ids.isEmpty, "\(row.name)")
        #expect(errors == [ArticleError(path: path, reason: row.reason)], "\(row.name)")
        // The parser, given the same bytes directly, reports the same problem.
        #expect(throws: ArticleError(path: path, reason: row.reason)) {
            _ = try ArticleParser().parse(row.bytes, id: "bad", path: path)
        }
    }

    @Test func invalidUTF8MessageSaysWhereAndWhatToDo() {
        let error = ArticleError(path: "x.txt", reason: .invalidUTF8(byteOffset: 14, line: 2, column: 4, byte: 0xE9))
        #expect(
            error.description
                == "x.txt: the file is not valid UTF-8: byte 0xE9 at offset 14 (line 2, column 4); convert the file to UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8) or fix that byte"
        )
    }

    @Test func noPassagesIsAParseError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("links.txt", "Sources\nhttps://a.example/one\nhttps://b.example/two\n")
        let files = ArticleReader(paths: [path]).compactMap { try? $0.get() }
        let file = try #require(files.first)
        #expect(throws: ArticleError(path: path, reason: .noPassages)) {
            _ = try ArticleParser().parse(file)
        }
        #expect(throws: ArticleError(path: "h.md", reason: .noPassages)) {
            _ = try ArticleParser().parse(Array("----\nLeave a Reply\nShare this\n".utf8), id: "h", path: "h.md")
        }
    }

    /// A first line in lower case is the title when a blank line sets it apart; run on, it is
    /// the start of a paragraph.
    @Test func lowercaseFirstLineIsATitleWhenSetApart() throws {
        let apart = try ArticleParser().parse(
            Array("notes on collagen and skin\n\nCollagen is the main protein of the dermis.\n".utf8),
            id: "n", path: "n.txt")
        #expect(apart.title == "notes on collagen and skin")
        #expect(!apart.titleIsDerived)
        #expect(apart.passages.map(\.text) == ["Collagen is the main protein of the dermis."])
        let runOn = try ArticleParser().parse(
            Array("notes on collagen and skin\nshow that it is the main protein of the dermis.\n".utf8),
            id: "n", path: "n.txt")
        #expect(runOn.titleIsDerived)
        #expect(runOn.passages.count == 1)
    }

    /// An article that is only a title is one passage: the title's words, exactly in place.
    @Test(arguments: [
        ("# Only a title\n", "Only a title", 2),
        ("# Only\n\n## Headings\n----\nLeave a Reply\n", "Only", 2),
        ("  ## Spaced ##  \n\n", "Spaced", 5),
    ])
    func titleOnlyArticleIsOnePassage(_ row: (String, String, Int)) throws {
        let bytes = Array(row.0.utf8)
        let article = try ArticleParser().parse(bytes, id: "t", path: "t.md")
        #expect(article.title == row.1)
        #expect(!article.titleIsDerived)
        #expect(article.passages.count == 1)
        let passage = try #require(article.passages.first)
        #expect(passage.text == row.1)
        #expect(passage.location.byteStart == row.2)
        #expect(Array(bytes[passage.location.byteStart..<passage.location.byteEnd]) == Array(row.1.utf8))
    }

    @Test func readsTheSeedCorpus() throws {
        let (ids, errors) = readAll([TestPaths.corpus.path])
        #expect(errors.isEmpty)
        #expect(
            ids == [
                "000_c0039b83ab477ca1", "001_703ab0bc430d4bad", "002_b106e229ab5425a0",
                "003_37c1b6b32afb3691", "004_55efc0094c87fb09",
            ])
    }

    static let fnvVectors: [(input: String, hash: String)] = [
        ("", "cbf29ce484222325"), ("a", "af63dc4c8601ec8c"), ("foobar", "85944171f73967e8"),
    ]

    /// Published FNV-1a 64-bit test vectors, and the article's hash is the hash of its bytes.
    @Test(arguments: fnvVectors.indices)
    func fnv1aKnownVectors(_ index: Int) throws {
        let row = Self.fnvVectors[index]
        #expect(FNV1a.hex(Array(row.input.utf8)) == row.hash)
        let bytes = Array((row.input + "\nThis body paragraph has more than eight words in it.").utf8)
        let article = try ArticleParser().parse(bytes, id: "h", path: "h.txt")
        #expect(article.contentHash == FNV1a.hex(bytes))
    }
}
