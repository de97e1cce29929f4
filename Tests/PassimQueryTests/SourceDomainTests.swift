import PassimQuery
import Testing

@Suite struct SourceDomainTests {
    @Test(arguments: [
        ("nih.gov", "nih.gov"),
        ("NIH.gov", "nih.gov"),
        ("www.nih.gov", "nih.gov"),
        ("https://www.nih.gov/health/x?y=1#z", "nih.gov"),
        ("http://user@pubmed.ncbi.nlm.nih.gov:8080/123", "pubmed.ncbi.nlm.nih.gov"),
        ("example.org.", "example.org"),
        ("  who.int  ", "who.int"),
    ])
    func normalizes(input: String, domain: String) {
        #expect(SourceDomain.normalize(input) == domain)
    }

    @Test(arguments: ["", "   ", "https://", "www.", "http:///path"])
    func rejectsInputWithoutAHost(input: String) {
        #expect(SourceDomain.normalize(input) == nil)
    }
}
