import CXML

/// A web page's bytes as UTF-8 for the parser, with the way back to the file's own bytes.
///
/// The encoding is the one the page declares (`<meta charset>` or `http-equiv` in its first
/// 4 KB, as browsers look for it); without a declaration, UTF-8 when the bytes are UTF-8 and
/// Windows-1252 otherwise, as browsers fall back. Latin-1 and ASCII are read as Windows-1252
/// and GB2312/GBK as GB18030, their supersets, as browsers do.
struct PageEncoding {
    /// The page as UTF-8.
    let utf8: [UInt8]
    /// For a transcoded page, the file offset each UTF-8 byte came from (one extra entry for
    /// the end); nil when the file is UTF-8 already and offsets are the same.
    let origins: [Int]?
    /// The encoding the page was read in, as iconv names it.
    let name: String

    /// The file range a range of `utf8` came from.
    func fileRange(_ range: Range<Int>) -> Range<Int> {
        guard let origins else { return range }
        return origins[range.lowerBound]..<origins[range.upperBound]
    }

    static func decode(_ bytes: [UInt8], path: String) throws(ArticleError) -> PageEncoding {
        let declared = declaredEncoding(bytes)
        // One scan of the whole page: it decides an undeclared encoding and checks a UTF-8 one.
        let invalidUTF8 = declared == nil || declared == "UTF-8" ? ContentCheck.firstInvalidUTF8(bytes) : nil
        let name = declared ?? (invalidUTF8 == nil ? "UTF-8" : "WINDOWS-1252")
        if name == "UTF-8" {
            if let offset = invalidUTF8 {
                throw ArticleError(path: path, reason: .undecodable(encoding: "UTF-8", byteOffset: offset))
            }
            return PageEncoding(utf8: bytes, origins: nil, name: name)
        }
        return try transcode(bytes, from: name, declared: declared, path: path)
    }

    /// `bytes` in the encoding `name`, as UTF-8 with each byte's origin.
    static func transcode(
        _ bytes: [UInt8], from name: String, declared: String? = nil, path: String
    ) throws(ArticleError) -> PageEncoding {
        var output: UnsafeMutablePointer<UInt8>?
        var outputLength: Int64 = 0
        var origins: UnsafeMutablePointer<Int64>?
        var error = cxml_error()
        let status = bytes.withUnsafeBufferPointer { buffer in
            cxml_transcode(buffer.baseAddress, Int64(buffer.count), name, &output, &outputLength, &origins, &error)
        }
        defer {
            cxml_free(output)
            cxml_free(origins)
        }
        guard status == CXML_OK.rawValue, let output, let origins else {
            if status == CXML_ERR_ENCODING.rawValue {
                throw ArticleError(path: path, reason: .unknownEncoding(name: declared ?? name))
            }
            throw ArticleError(path: path, reason: .undecodable(encoding: name, byteOffset: Int(error.offset)))
        }
        let count = Int(outputLength)
        return PageEncoding(
            utf8: Array(UnsafeBufferPointer(start: output, count: count)),
            origins: UnsafeBufferPointer(start: origins, count: count + 1).map { Int($0) }, name: name)
    }

    /// The charset a page declares in its first 4 KB, normalised for iconv, or nil.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return "UTF-8" }
        let head = bytes.prefix(4096).map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
        let key = Array("charset=".utf8)
        guard head.count >= key.count else { return nil }
        for start in 0...(head.count - key.count) where head[start..<(start + key.count)].elementsEqual(key) {
            var index = start + key.count
            while index < head.count,
                head[index] == UInt8(ascii: "\"") || head[index] == UInt8(ascii: "'")
                    || head[index] == UInt8(ascii: " ")
            {
                index += 1
            }
            var end = index
            while end < head.count, isNameByte(head[end]) { end += 1 }
            guard end > index else { continue }
            return normalized(String(decoding: head[index..<end], as: UTF8.self))
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
    }

    private static func normalized(_ name: String) -> String {
        switch name {
        case "utf-8", "utf8", "unicode-1-1-utf-8": "UTF-8"
        case "iso-8859-1", "latin1", "l1", "us-ascii", "ascii", "iso8859-1", "windows-1252", "cp1252":
            "WINDOWS-1252"
        case "gb2312", "gbk", "gb18030", "x-gbk", "chinese": "GB18030"
        case "shift_jis", "sjis", "x-sjis", "ms_kanji", "windows-31j": "SHIFT_JIS"
        default: name.uppercased()
        }
    }
}
