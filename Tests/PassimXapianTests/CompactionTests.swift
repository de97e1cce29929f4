import PassimXapian
import Testing

private func build(_ path: String, ids: [String]) throws {
    let writer = try WritableXapianDatabase(path: path)
    for id in ids {
        try writer.add(
            try makeDocument(id: id, terms: [("cell", 1), ("only-" + path.suffix(1), 1)], data: id))
    }
    try writer.setMetadata("source:" + path.suffix(1), Array("yes".utf8))
    try writer.close()
}

@Suite("Compaction")
struct CompactionTests {
    @Test func compactingTwoDatabasesGivesTheUnion() throws {
        try withTemporaryDirectory { dir in
            try build(dir + "/a", ids: ["a1", "a2"])
            try build(dir + "/b", ids: ["b1", "b2", "b3"])
            try xapianCompact(
                sources: [dir + "/a", dir + "/b"], destination: dir + "/merged",
                keepDocumentIDs: false)

            let merged = try XapianDatabase(path: dir + "/merged")
            #expect(try merged.documentCount() == 5)
            #expect(try merged.termFrequency("cell") == 5)
            #expect(try merged.postings("only-a") == [1, 2])
            #expect(try merged.postings("only-b") == [3, 4, 5])
            #expect(
                try (1...5).map { text(try merged.documentData($0)) } == [
                    "a1", "a2", "b1", "b2", "b3",
                ])
            #expect(try merged.metadataKeys(prefix: "source:") == ["source:a", "source:b"])
        }
    }

    @Test func keepingOverlappingDocumentIDsIsInvalidOperation() throws {
        try withTemporaryDirectory { dir in
            try build(dir + "/a", ids: ["a1"])
            try build(dir + "/b", ids: ["b1"])
            let error = xapianError { () throws(XapianError) in
                try xapianCompact(
                    sources: [dir + "/a", dir + "/b"], destination: dir + "/merged",
                    keepDocumentIDs: true)
            }
            #expect(error?.code == .invalidOperation)
        }
    }

    @Test func compactingOneDatabaseKeepsItsIDs() throws {
        try withTemporaryDirectory { dir in
            let writer = try WritableXapianDatabase(path: dir + "/a")
            for id in ["x", "y", "z"] {
                try writer.add(try makeDocument(id: id))
            }
            try writer.deleteDocuments(withTerm: "Qy")
            try writer.close()
            try xapianCompact(sources: [dir + "/a"], destination: dir + "/c", keepDocumentIDs: true)
            let compacted = try XapianDatabase(path: dir + "/c")
            #expect(try compacted.postings("") == [1, 3])
        }
    }

    @Test func missingSourceIsDatabaseNotFound() throws {
        try withTemporaryDirectory { dir in
            let error = xapianError { () throws(XapianError) in
                try xapianCompact(
                    sources: [dir + "/none"], destination: dir + "/out", keepDocumentIDs: false)
            }
            #expect(error?.code == .databaseNotFound)
            let empty = xapianError { () throws(XapianError) in
                try xapianCompact(sources: [], destination: dir + "/out", keepDocumentIDs: false)
            }
            #expect(empty?.code == .invalidArgument)
        }
    }
}
