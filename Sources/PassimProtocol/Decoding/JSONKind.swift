/// The kind of a JSON value, for error messages that say what was found instead.
enum JSONKind: Equatable {
    case null, bool, number, string, array, object, missing

    /// "a string", "an array", ... for "expected X, found <phrase>".
    var phrase: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        case .missing: return "nothing"
        }
    }

    /// The kind of the value under `key`.
    static func of<Key: CodingKey>(_ key: Key, in container: KeyedDecodingContainer<Key>) -> JSONKind {
        guard container.contains(key) else { return .missing }
        if (try? container.decodeNil(forKey: key)) == true { return .null }
        if (try? container.decode(Bool.self, forKey: key)) != nil { return .bool }
        if (try? container.decode(String.self, forKey: key)) != nil { return .string }
        if (try? container.nestedUnkeyedContainer(forKey: key)) != nil { return .array }
        if (try? container.nestedContainer(keyedBy: AnyCodingKey.self, forKey: key)) != nil {
            return .object
        }
        return .number
    }

    /// The kind of the value `decoder` is positioned on.
    static func of(_ decoder: any Decoder) -> JSONKind {
        if (try? decoder.unkeyedContainer()) != nil { return .array }
        if (try? decoder.container(keyedBy: AnyCodingKey.self)) != nil { return .object }
        guard let single = try? decoder.singleValueContainer() else { return .missing }
        if single.decodeNil() { return .null }
        if (try? single.decode(Bool.self)) != nil { return .bool }
        if (try? single.decode(String.self)) != nil { return .string }
        return .number
    }
}

/// A coding key for any member name.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}
