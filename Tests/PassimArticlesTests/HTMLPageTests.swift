import Testing

@testable import PassimArticles

/// Reading web pages: the encoding a page declares, the clear error for one that cannot be
/// read, and the title and sources a page declares.
@Suite struct HTMLPageTests {
    static func page(_ head: String, _ body: String) -> [UInt8] {
        Array("<html><head>\(head)</head><body>\(body)</body></html>".utf8)
    }

    @Test(arguments: [
        ("<meta charset=\"utf-8\">", "UTF-8"),
        ("<meta charset='ISO-8859-1'>", "WINDOWS-1252"),
        ("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">", "GB18030"),
        ("<META CHARSET=Shift_JIS>", "SHIFT_JIS"),
        ("<meta charset=\"koi8-r\">", "KOI8-R"),
        ("<title>No declaration</title>", nil),
    ])
    func declaredEncoding(_ row: (String, String?)) {
        #expect(PageEncoding.declaredEncoding(Self.page(row.0, "")) == row.1)
    }

    @Test func aPageInLatin1IsReadInItsEncodingWithExactPlaces() throws {
        var bytes = Array("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Le caf".utf8)
        bytes += [0xE9]  // é in Latin-1
        bytes += Array(" est servi tr".utf8) + [0xE8] + Array("s chaud dans la salle du fond.</p></body></html>".utf8)
        let article = try ArticleParser().parse(bytes, id: "cafe", path: "cafe.html")
        let passage = try #require(article.passages.first)
        #expect(passage.text == "Le café est servi très chaud dans la salle du fond.")
        let word = try #require(passage.text.utf8.indices(of: "café"))
        let place = try #require(passage.map).location(of: word)
        #expect(Array(bytes[place.byteStart..<place.byteEnd]) == Array("caf".utf8) + [0xE9])
    }

    @Test func undecodableAndUnknownEncodingsAreClearErrors() {
        var invalid = Self.page("<meta charset=\"utf-8\">", "<p>Broken ")
        let offset = invalid.count
        invalid += [0xC3, 0x28] + Array(" text here.</p>".utf8)
        #expect(throws: ArticleError(path: "a.html", reason: .undecodable(encoding: "UTF-8", byteOffset: offset))) {
            _ = try ArticleParser().parse(invalid, id: "a", path: "a.html")
        }
        let unknown = Self.page("<meta charset=\"x-no-such-charset\">", "<p>Some text in a page.</p>")
        #expect(throws: ArticleError(path: "b.html", reason: .unknownEncoding(name: "X-NO-SUCH-CHARSET"))) {
            _ = try ArticleParser().parse(unknown, id: "b", path: "b.html")
        }
        let message = ArticleError(path: "b.html", reason: .unknownEncoding(name: "X-NO-SUCH-CHARSET")).description
        #expect(message.contains("X-NO-SUCH-CHARSET") && message.contains("UTF-8"))
    }

    @Test func aPageWithoutArticleTextHasNoPassages() {
        let bytes = Self.page("", "<nav><a href=\"/\">Home</a></nav><script>var x = 1;</script>")
        #expect(throws: ArticleError(path: "c.html", reason: .noPassages)) {
            _ = try ArticleParser().parse(bytes, id: "c", path: "c.html")
        }
    }

    @Test func titleFallsBackToTheDeclaredOneWithoutTheSiteName() throws {
        let bytes = Self.page(
            "<title>Fermenting cabbage at home | The Pantry</title>",
            "<div><p>Salt draws water out of the cabbage, and the brine keeps other microbes away.</p></div>")
        let article = try ArticleParser().parse(bytes, id: "d", path: "d.html")
        #expect(article.title == "Fermenting cabbage at home")
        #expect(!article.titleIsDerived)
        #expect(article.format == .html)
    }
}

extension String.UTF8View {
    /// The byte range of the first occurrence of `word`, if any.
    fileprivate func indices(of word: String) -> Range<Int>? {
        let bytes = Array(self)
        let needle = Array(word.utf8)
        guard needle.count <= bytes.count else { return nil }
        for start in 0...(bytes.count - needle.count) where bytes[start..<(start + needle.count)].elementsEqual(needle)
        {
            return start..<(start + needle.count)
        }
        return nil
    }
}
