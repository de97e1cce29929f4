import Foundation

/// Decoding of request and notification params, shared by the typed envelopes and the
/// classifier so both accept exactly the same input.
enum ParamsDecoding {
    /// Decodes `T` from `key`. Absent, `null` or `[]` params decode as `{}` (so requests whose
    /// params are all optional need none, and editors whose JSON encoder writes an empty table
    /// as `[]` still work); any other non-object is refused.
    static func decode<T: Decodable, Key: CodingKey>(
        _ type: T.Type, from container: KeyedDecodingContainer<Key>, forKey key: Key
    ) throws -> T {
        if try !container.contains(key) || container.decodeNil(forKey: key) || isEmptyArray(key, in: container) {
            return try JSONDecoder().decode(T.self, from: Data("{}".utf8))
        }
        let kind = JSONKind.of(key, in: container)
        guard kind == .object else {
            throw DecodingError.typeMismatch(
                T.self,
                .init(
                    codingPath: container.codingPath + [key],
                    debugDescription: "params must be an object (by-name params), found \(kind.phrase)"))
        }
        return try container.decode(T.self, forKey: key)
    }
}

extension ParamsDecoding {
    private static func isEmptyArray<Key: CodingKey>(_ key: Key, in container: KeyedDecodingContainer<Key>) -> Bool {
        guard let array = try? container.nestedUnkeyedContainer(forKey: key) else { return false }
        return array.count == 0
    }

    /// A one-line account of a decoding failure for an error message, naming the member by its
    /// path inside params, e.g. "`limit` must be an integer from 1 to 1000, found 0".
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else {
            // Foundation reports numbers it cannot represent (1e400) with its own error type.
            return "a value could not be read (\(error))"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing `\(render(context.codingPath + [key]))`"
        case .valueNotFound(_, let context):
            return "`\(render(context.codingPath))` must not be null"
        case .typeMismatch(_, let context), .dataCorrupted(let context):
            return prefixed(context)
        @unknown default:
            return String(describing: error)
        }
    }

    /// Our own messages read "must be ..." and follow the name; Foundation's are sentences of
    /// their own and follow a colon.
    private static func prefixed(_ context: DecodingError.Context) -> String {
        let path = render(context.codingPath)
        let text = context.debugDescription
        guard !path.isEmpty else { return text }
        if text.hasPrefix("must") { return "`\(path)` \(text)" }
        return "`\(path)`: \(text.prefix(1).lowercased())\(text.dropFirst())"
    }

    /// `capabilities.general.positionEncodings[1]`; the envelope's `params` key is left out.
    private static func render(_ path: [any CodingKey]) -> String {
        var components = path
        if components.first?.stringValue == "params", components.first?.intValue == nil {
            components.removeFirst()
        }
        var rendered = ""
        for key in components {
            if let index = key.intValue {
                rendered += "[\(index)]"
            } else {
                rendered += rendered.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return rendered
    }
}

extension KeyedDecodingContainer {
    /// Decodes an optional integer param that must lie in `range`, with a message that names
    /// the param and the range when it is not an integer or out of range (huge numbers such as
    /// `1e400` included).
    func decodeInteger(_ key: Key, in range: ClosedRange<Int>) throws -> Int? {
        guard contains(key), !(try decodeNil(forKey: key)) else { return nil }
        let rule = "must be an integer from \(range.lowerBound) to \(range.upperBound)"
        let value: Int
        do {
            value = try decode(Int.self, forKey: key)
        } catch {
            let found = JSONKind.of(key, in: self)
            let detail = found == .number ? "a number that is not such an integer" : found.phrase
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "\(rule), found \(detail)")
        }
        guard range.contains(value) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "\(rule), found \(value)")
        }
        return value
    }

    /// Decodes a required string param that must not be empty or only white space.
    func decodeNonEmptyString(_ key: Key) throws -> String {
        let value = try decode(String.self, forKey: key)
        guard !value.allSatisfy(\.isWhitespace) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "must not be empty")
        }
        return value
    }
}
