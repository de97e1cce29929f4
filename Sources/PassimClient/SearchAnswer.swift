import PassimProtocol

/// The daemon's answer to a search, kept as the JSON it came in (checked to be JSON).
///
/// The daemon writes a search result byte for byte as `passim search --json` prints one in
/// process (both are `JSONEncoder`'s bytes for the same `SearchResult`), so `--json` prints
/// these bytes as they are: decoding and encoding them again would only cost time.
public struct SearchAnswer: Sendable {
    /// The result's JSON, exactly as the daemon wrote it.
    public let json: ArraySlice<UInt8>
    /// The result's `estimatedTotal`: whether anything matched.
    public let estimatedTotal: Int

    /// Reads a search result's `estimatedTotal` and where it lies in `bytes`, whose start the
    /// reader's offsets count from; the hits are checked, not decoded.
    init(json reader: inout JSONReader, in bytes: ArraySlice<UInt8>) throws(JSONReadError) {
        _ = try reader.nextKind()
        let start = reader.offset
        var total: Int?
        try reader.readObject { reader, key throws(JSONReadError) in
            if key == "estimatedTotal" { total = try reader.readInt() } else { try reader.skipValue() }
        }
        guard let total else { throw reader.failure("`estimatedTotal` missing from a search result") }
        json = bytes[(bytes.startIndex + start)..<(bytes.startIndex + reader.offset)]
        estimatedTotal = total
    }
}
