/// The unit of every offset and column the server sends on a connection, negotiated in
/// `initialize` as in LSP 3.17. Unlike LSP, the default is UTF-8: it is what Passim stores.
public enum PositionEncoding: String, Codable, Sendable, Hashable, CaseIterable {
    /// Bytes of UTF-8 (Vim, Emacs byte columns, ripgrep).
    case utf8 = "utf-8"
    /// UTF-16 code units (LSP's default; VS Code, JavaScript strings).
    case utf16 = "utf-16"
    /// Unicode scalars (code points; Emacs characters, Python strings).
    case utf32 = "utf-32"

    /// The first encoding in the client's list that the server supports; UTF-8 when the list is
    /// absent, empty, or names none it supports. Unknown names are skipped, not refused (LSP's
    /// `PositionEncodingKind` is an open set).
    public static func negotiate(_ clientPreferences: [String]?) -> PositionEncoding {
        for name in clientPreferences ?? [] {
            if let encoding = PositionEncoding(rawValue: name.lowercased()) { return encoding }
        }
        return .utf8
    }
}
