import Foundation

/// The domains a `source:` filter matches for an article's source URLs.
enum SourceDomains {
    /// Each URL's host, lower-cased without `www.`, and every parent domain of two or more
    /// labels, so `source:nih.gov` finds `https://pubmed.ncbi.nlm.nih.gov/...`.
    static func domains(of urls: [String]) -> [String] {
        var result: [String] = []
        var seen: Set<String> = []
        for url in urls {
            guard let host = URLComponents(string: url)?.host?.lowercased(), !host.isEmpty else { continue }
            var labels = host.split(separator: ".").map(String.init)
            if labels.first == "www" { labels.removeFirst() }
            while labels.count >= 2 {
                let domain = labels.joined(separator: ".")
                if seen.insert(domain).inserted { result.append(domain) }
                labels.removeFirst()
            }
            if labels.count == 1, seen.insert(labels[0]).inserted, host == labels[0] {
                result.append(labels[0])  // a bare host such as `localhost`
            }
        }
        return result
    }
}
