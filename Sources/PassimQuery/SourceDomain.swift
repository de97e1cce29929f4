/// The canonical form of a source domain, shared by `source:` queries and the indexer's `XD` terms.
public enum SourceDomain {
    /// The host of a URL or bare domain, lower-cased, without scheme, credentials, port, path or
    /// a leading `www.`; nil when nothing domain-like is left.
    ///
    /// `https://www.NIH.gov/health?x=1` -> `nih.gov`; `pubmed.ncbi.nlm.nih.gov` stays as is.
    public static func normalize(_ text: String) -> String? {
        var host = Substring(text.trimmingWhitespace())
        if let colon = host.firstIndex(of: ":"), host[colon...].hasPrefix("://") {
            host = host[colon...].dropFirst(3)
        }
        if let pathStart = host.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            host = host[..<pathStart]
        }
        if let at = host.lastIndex(of: "@") {
            host = host[host.index(after: at)...]
        }
        if let colon = host.lastIndex(of: ":"), host[host.index(after: colon)...].allSatisfy(\.isASCIIDigit) {
            host = host[..<colon]
        }
        var domain = host.lowercased()
        if domain.hasPrefix("www.") { domain.removeFirst(4) }
        while domain.hasSuffix(".") { domain.removeLast() }
        guard !domain.isEmpty, !domain.unicodeScalars.contains(where: { $0.properties.isWhitespace }) else {
            return nil
        }
        return domain
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
