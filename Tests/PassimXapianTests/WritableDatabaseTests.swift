import PassimXapian
import Testing

@Suite("Writing and reading back")
struct WritableDatabaseTests {
    @Test func addCommitReopenReadsBackDataAndValues() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/db"
            let writer = try WritableXapianDatabase(path: path)
            let first = try writer.add(
                try makeDocument(id: "p1", terms: [("cell", 2)], data: "first", key: "a1"))
            let second = try writer.add(
                try makeDocument(id: "p2", terms: [("cell", 1)], data: "second", key: "a2"))
            #expect((first, second) == (1, 2))
            try writer.commit()
            try writer.close()

            let reader = try XapianDatabase(path: path)
            #expect(try reader.documentCount() == 2)
            #expect(text(try reader.documentData(1)) == "first")
            #expect(text(try reader.documentData(2)) == "second")
            #expect(text(try reader.value(1, slot: 0)) == "a1")
            #expect(text(try reader.value(2, slot: 0)) == "a2")
            #expect(try reader.value(2, slot: 7) == [])
            // Each document: one boolean term (wdf 0) + "cell" with wdf 2 or 1 -> lengths 2 and 1.
            #expect(try reader.averageLength() == 1.5)
        }
    }

    @Test func binaryDataSurvivesTheRoundTrip() throws {
        try withTemporaryDirectory { dir in
            let bytes: [UInt8] = [0, 255, 1, 0, 0x80, 10]
            let writer = try WritableXapianDatabase(path: dir + "/db")
            let document = XapianDocument()
            try document.setData(bytes)
            let docid = try writer.add(document)
            try writer.commit()
            #expect(try XapianDatabase(path: dir + "/db").documentData(docid) == bytes)
        }
    }

    @Test func cancelledTransactionLeavesNoDocuments() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/db"
            let writer = try WritableXapianDatabase(path: path)
            try writer.add(try makeDocument(id: "kept"))
            try writer.commit()

            try writer.beginTransaction()
            try writer.add(try makeDocument(id: "gone1"))
            try writer.add(try makeDocument(id: "gone2"))
            #expect(try writer.readView().documentCount() == 3)
            try writer.cancelTransaction()
            #expect(try writer.readView().documentCount() == 1)
            try writer.commit()

            let reader = try XapianDatabase(path: path)
            #expect(try reader.documentCount() == 1)
            #expect(try reader.termFrequency("Qgone1") == 0)
            #expect(try reader.termFrequency("Qkept") == 1)
        }
    }

    @Test func committedTransactionIsVisibleAfterReopen() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/db"
            let writer = try WritableXapianDatabase(path: path)
            try writer.commit()
            let reader = try XapianDatabase(path: path)
            #expect(try reader.documentCount() == 0)

            try writer.beginTransaction()
            try writer.add(try makeDocument(id: "a"))
            try writer.add(try makeDocument(id: "b"))
            #expect(try reader.reopen() == false)
            #expect(try reader.documentCount() == 0)
            try writer.commitTransaction()

            #expect(try reader.reopen() == true)
            #expect(try reader.documentCount() == 2)
        }
    }

    @Test func transactionMisuseIsInvalidOperation() throws {
        try withTemporaryDirectory { dir in
            let writer = try WritableXapianDatabase(path: dir + "/db")
            let commitWithout = xapianError { () throws(XapianError) in
                try writer.commitTransaction()
            }
            #expect(commitWithout?.code == .invalidOperation)
            try writer.beginTransaction()
            let nested = xapianError { () throws(XapianError) in try writer.beginTransaction() }
            #expect(nested?.code == .invalidOperation)
            try writer.cancelTransaction()
        }
    }

    @Test func replaceByUniqueTermKeepsOneDocument() throws {
        try withTemporaryDirectory { dir in
            let writer = try WritableXapianDatabase(path: dir + "/db")
            let original = try writer.add(
                try makeDocument(id: "p1", terms: [("old", 1)], data: "v1"))
            let replaced = try writer.replace(
                uniqueTerm: "Qp1", with: try makeDocument(id: "p1", terms: [("new", 1)], data: "v2")
            )
            let added = try writer.replace(
                uniqueTerm: "Qp2", with: try makeDocument(id: "p2", data: "other"))
            try writer.commit()

            #expect(replaced == original)
            #expect(added == original + 1)
            let reader = try XapianDatabase(path: dir + "/db")
            #expect(try reader.documentCount() == 2)
            #expect(text(try reader.documentData(original)) == "v2")
            #expect(try reader.termFrequency("old") == 0)
            #expect(try reader.termFrequency("new") == 1)
        }
    }

    @Test func deleteByTermRemovesEveryIndexedDocument() throws {
        try withTemporaryDirectory { dir in
            let writer = try WritableXapianDatabase(path: dir + "/db")
            for (id, article) in [("p1", "XAa"), ("p2", "XAa"), ("p3", "XAb")] {
                let document = try makeDocument(id: id)
                try document.addBooleanTerm(article)
                try writer.add(document)
            }
            try writer.deleteDocuments(withTerm: "XAa")
            try writer.commit()

            let reader = try XapianDatabase(path: dir + "/db")
            #expect(try reader.documentCount() == 1)
            #expect(try reader.termFrequency("XAa") == 0)
            #expect(try reader.postings("XAb") == [3])
            let everything = xapianError { () throws(XapianError) in
                try writer.deleteDocuments(withTerm: "")
            }
            #expect(everything?.code == .invalidArgument)
        }
    }

    @Test func metadataAndKeysByPrefix() throws {
        try withTemporaryDirectory { dir in
            let writer = try WritableXapianDatabase(path: dir + "/db")
            try writer.setMetadata("passim:version", Array("3".utf8))
            try writer.setMetadata("passim:hash:a1", [0, 1, 2])
            try writer.setMetadata("other", Array("x".utf8))
            try writer.commit()

            let reader = try XapianDatabase(path: dir + "/db")
            #expect(text(try reader.metadata("passim:version")) == "3")
            #expect(try reader.metadata("passim:hash:a1") == [0, 1, 2])
            #expect(try reader.metadata("missing") == [])
            #expect(
                try reader.metadataKeys(prefix: "passim:") == ["passim:hash:a1", "passim:version"])
            #expect(
                try reader.metadataKeys(prefix: "") == [
                    "other", "passim:hash:a1", "passim:version",
                ])

            try writer.setMetadata("passim:version", [])
            try writer.commit()
            #expect(try reader.reopen())
            #expect(try reader.metadataKeys(prefix: "passim:") == ["passim:hash:a1"])
        }
    }

    @Test func spellingSuggestions() throws {
        try withTemporaryDirectory { dir in
            let writer = try WritableXapianDatabase(path: dir + "/db")
            try writer.addSpelling("platelet", frequency: 5)
            try writer.addSpelling("plasma")
            try writer.addSpelling("stromal")
            try writer.commit()

            let reader = try XapianDatabase(path: dir + "/db")
            #expect(try reader.spellingSuggestion("platelte") == "platelet")
            #expect(try reader.spellingSuggestion("stromel") == "stromal")
            #expect(try reader.spellingSuggestion("zzzzzzzz") == nil)
            #expect(try reader.spellingSuggestion("plasmx", maxEditDistance: 0) == nil)

            try writer.removeSpelling("platelet", frequency: 5)
            try writer.commit()
            #expect(try reader.reopen())
            #expect(try reader.spellingSuggestion("platelte") == nil)
        }
    }

    @Test func synonymsAndSynonymKeys() throws {
        try withTemporaryDirectory { dir in
            let writer = try WritableXapianDatabase(path: dir + "/db")
            try writer.addSynonym("svf", "stromal vascular fraction")
            try writer.addSynonym("svf", "stromal")
            try writer.addSynonym("msc", "mesenchymal stem cell")
            try writer.addSynonym("pih", "hyperpigmentation")
            try writer.commit()

            let reader = try XapianDatabase(path: dir + "/db")
            #expect(try reader.synonyms("svf") == ["stromal", "stromal vascular fraction"])
            #expect(try reader.synonyms("nothing") == [])
            #expect(try reader.synonymKeys(prefix: "") == ["msc", "pih", "svf"])
            #expect(try reader.synonymKeys(prefix: "p") == ["pih"])

            try writer.clearSynonyms("svf")
            try writer.commit()
            #expect(try reader.reopen())
            #expect(try reader.synonyms("svf") == [])
            #expect(try reader.synonymKeys(prefix: "") == ["msc", "pih"])
        }
    }

    @Test func readViewSeesUncommittedChangesAndKeepsWriterAlive() throws {
        try withTemporaryDirectory { dir in
            var view: XapianDatabase?
            do {
                let writer = try WritableXapianDatabase(path: dir + "/db")
                try writer.add(try makeDocument(id: "x", data: "pending"))
                view = writer.readView()
            }
            // The writer object went out of scope, but the view still holds it.
            let reader = try #require(view)
            #expect(try reader.documentCount() == 1)
            #expect(text(try reader.documentData(1)) == "pending")
            let closing = xapianError { () throws(XapianError) in try reader.close() }
            #expect(closing?.code == .invalidOperation)
            #expect(try reader.documentCount() == 1)
        }
    }
}
