import PassimXapian
import Testing

/// Two documents laid out like Passim's schema: positional raw terms, Z-stems, boolean terms.
private func buildTermDatabase(at path: String) throws {
    let writer = try WritableXapianDatabase(path: path)
    let first = XapianDocument()
    try first.addPosting("cell", position: 1)
    try first.addPosting("platelet", position: 2)
    try first.addPosting("cell", position: 3)
    try first.addTerm("Zcell", wdfIncrement: 2)
    try first.addTerm("Zplatelet")
    try first.addPosting("Sfoo", position: 1, wdfIncrement: 3)
    try first.addBooleanTerm("XAa1")
    try writer.add(first)

    let second = XapianDocument()
    try second.addPosting("cells", position: 1)
    try second.addTerm("Zcell")
    try second.addBooleanTerm("XAa2")
    try writer.add(second)
    try writer.commit()
}

@Suite("Reading terms and postings")
struct DatabaseReadingTests {
    @Test func termFrequencies() throws {
        try withTemporaryDirectory { dir in
            try buildTermDatabase(at: dir + "/db")
            let reader = try XapianDatabase(path: dir + "/db")
            #expect(try reader.termFrequency("Zcell") == 2)
            #expect(try reader.termFrequency("cell") == 1)
            #expect(try reader.termFrequency("XAa2") == 1)
            #expect(try reader.termFrequency("absent") == 0)
        }
    }

    @Test func postingsAreAscendingAndLimited() throws {
        try withTemporaryDirectory { dir in
            try buildTermDatabase(at: dir + "/db")
            let reader = try XapianDatabase(path: dir + "/db")
            #expect(try reader.postings("Zcell") == [1, 2])
            #expect(try reader.postings("Zcell", max: 1) == [1])
            #expect(try reader.postings("cells") == [2])
            #expect(try reader.postings("absent") == [])
            #expect(try reader.postings("") == [1, 2])
        }
    }

    @Test func documentTermsWithWdfInByteOrder() throws {
        try withTemporaryDirectory { dir in
            try buildTermDatabase(at: dir + "/db")
            let reader = try XapianDatabase(path: dir + "/db")
            let all = try reader.documentTerms(1)
            #expect(all.map(\.term) == ["Sfoo", "XAa1", "Zcell", "Zplatelet", "cell", "platelet"])
            #expect(all.map(\.wdf) == [3, 0, 2, 1, 2, 1])
            let stems = try reader.documentTerms(1, prefix: "Z")
            #expect(stems.map(\.term) == ["Zcell", "Zplatelet"])
            #expect(try reader.documentTerms(2, prefix: "XA").map(\.term) == ["XAa2"])
            #expect(try reader.documentTerms(2, prefix: "Q").isEmpty)
        }
    }

    @Test func allTermsWithPrefixAndFrequencies() throws {
        try withTemporaryDirectory { dir in
            try buildTermDatabase(at: dir + "/db")
            let reader = try XapianDatabase(path: dir + "/db")
            let stems = try reader.allTerms(prefix: "Z")
            #expect(stems.map(\.term) == ["Zcell", "Zplatelet"])
            #expect(stems.map(\.frequency) == [2, 1])
            #expect(try reader.allTerms(prefix: "cell").map(\.term) == ["cell", "cells"])
            #expect(
                try reader.allTerms(prefix: "", max: 3).map(\.term) == ["Sfoo", "XAa1", "XAa2"])
            #expect(try reader.allTerms(prefix: "nothing").isEmpty)
        }
    }

    @Test func spellingWordsWithPrefixAndFrequencies() throws {
        try withTemporaryDirectory { dir in
            let writer = try WritableXapianDatabase(path: dir + "/db")
            try writer.addSpelling("cells", frequency: 1)
            try writer.addSpelling("platelet", frequency: 2)
            try writer.addSpelling("cell", frequency: 3)
            try writer.commit()
            let reader = try XapianDatabase(path: dir + "/db")
            let cells = try reader.spellingWords(prefix: "cell")
            #expect(cells.map(\.word) == ["cell", "cells"])
            #expect(cells.map(\.frequency) == [3, 1])
            #expect(try reader.spellingWords(prefix: "cell", max: 1).map(\.word) == ["cell"])
            #expect(try reader.spellingWords(prefix: "").map(\.word) == ["cell", "cells", "platelet"])
            #expect(try reader.spellingWords(prefix: "nothing").isEmpty)
            #expect(try reader.spellingWords(prefix: "cellsx").isEmpty)
        }
    }

    @Test func missingDocumentIsDocNotFound() throws {
        try withTemporaryDirectory { dir in
            try buildTermDatabase(at: dir + "/db")
            let reader = try XapianDatabase(path: dir + "/db")
            let data = xapianError { () throws(XapianError) in _ = try reader.documentData(99) }
            #expect(data?.code == .docNotFound)
            #expect(data?.type == "DocNotFoundError")
            let terms = xapianError { () throws(XapianError) in _ = try reader.documentTerms(99) }
            #expect(terms?.code == .docNotFound)
        }
    }

    @Test func readerKeepsItsRevisionUntilReopen() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/db"
            let writer = try WritableXapianDatabase(path: path)
            try writer.add(try makeDocument(id: "one"))
            try writer.commit()

            let reader = try XapianDatabase(path: path)
            let firstRevision = try reader.revision()
            #expect(try reader.documentCount() == 1)
            #expect(try reader.reopen() == false)

            try writer.add(try makeDocument(id: "two"))
            try writer.commit()
            #expect(try reader.documentCount() == 1)
            #expect(try reader.revision() == firstRevision)

            #expect(try reader.reopen() == true)
            #expect(try reader.revision() == firstRevision + 1)
            #expect(try reader.documentCount() == 2)
            #expect(try reader.reopen() == false)
        }
    }

    @Test func closedDatabaseThrowsDatabaseClosed() throws {
        try withTemporaryDirectory { dir in
            try buildTermDatabase(at: dir + "/db")
            let reader = try XapianDatabase(path: dir + "/db")
            try reader.close()
            // Some statistics are cached and still answer after close(); reading a document is not.
            let error = xapianError { () throws(XapianError) in _ = try reader.documentData(1) }
            #expect(error?.code == .databaseClosed)

            let writer = try WritableXapianDatabase(path: dir + "/db")
            try writer.close()
            let afterClose = xapianError { () throws(XapianError) in
                try writer.add(XapianDocument())
            }
            #expect(afterClose?.code == .databaseClosed)
        }
    }

    @Test func discardedRevisionIsDatabaseModifiedUntilReopen() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/db"
            let writer = try WritableXapianDatabase(path: path)
            func rewrite(_ tag: String) throws {
                for index in 1...500 {
                    let document = try makeDocument(
                        id: "p\(index)", terms: [("cell", 1), ("t\(tag)\(index)", 1)],
                        data: String(repeating: tag, count: 50))
                    try writer.replace(uniqueTerm: "Qp\(index)", with: document)
                }
                try writer.commit()
            }
            try rewrite("a")
            let reader = try XapianDatabase(path: path)
            // Glass keeps the reader's revision for one more commit, not two: new terms in
            // every rewrite make the third commit reuse the blocks the reader still points at.
            try rewrite("b")
            #expect(text(try reader.documentData(250)) == String(repeating: "a", count: 50))
            try rewrite("c")
            // A new posting list cursor starts from the old revision's root block, now discarded.
            let error = xapianError { () throws(XapianError) in _ = try reader.postings("cell") }
            #expect(error?.code == .databaseModified)
            #expect(error?.type == "DatabaseModifiedError")

            #expect(try reader.reopen())
            #expect(text(try reader.documentData(250)) == String(repeating: "c", count: 50))
        }
    }
}
