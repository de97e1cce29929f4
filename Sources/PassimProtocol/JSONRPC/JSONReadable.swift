/// A type that reads itself from JSON (see ``JSONReader``), to the value its `Decodable`
/// conformance decodes from the same bytes: unknown keys skipped, `null` or an absent key for an
/// optional is nil, a required key missing is an error.
public protocol JSONReadable {
    /// Reads one value.
    init(json reader: inout JSONReader) throws(JSONReadError)
}
