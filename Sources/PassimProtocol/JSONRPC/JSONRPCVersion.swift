/// The `jsonrpc` member every message carries.
enum JSONRPCVersion {
    /// The only accepted value.
    static let value = "2.0"

    /// Throws unless `key` holds exactly the string `"2.0"`.
    static func check<Key: CodingKey>(in container: KeyedDecodingContainer<Key>, forKey key: Key) throws {
        let version = try container.decode(String.self, forKey: key)
        guard version == value else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "must be \"2.0\", found \"\(version)\"")
        }
    }
}
