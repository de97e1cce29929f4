import PassimQuery

/// The domains a `source:` filter matches for an article's source URLs.
enum SourceDomains {
    /// Each URL's host, normalized exactly as a `source:` query value is (lower case, no
    /// `www.`, no port), and every parent domain of two or more labels, so `source:nih.gov`
    /// finds `https://pubmed.ncbi.nlm.nih.gov/...`.
    static func domains(of urls: [String]) -> [String] {
        var result: [String] = []
        var seen: Set<String> = []
        for url in urls {
            guard let domain = SourceDomain.normalize(url) else { continue }
            var labels = domain.split(separator: ".")
            if labels.count < 2 {
                if seen.insert(domain).inserted { result.append(domain) }  // a bare host such as `localhost`
                continue
            }
            while labels.count >= 2 {
                let parent = labels.joined(separator: ".")
                if seen.insert(parent).inserted { result.append(parent) }
                labels.removeFirst()
            }
        }
        return result
    }
}
