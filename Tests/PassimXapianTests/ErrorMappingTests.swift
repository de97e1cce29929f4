import CXapian
import Foundation
import PassimXapian
import Testing

@Suite("Error mapping")
struct ErrorMappingTests {
    @Test func codesMirrorTheShimsEnum() {
        let pairs: [(XapianError.Code, cxapian_code)] = [
            (.assertion, CXAPIAN_ERR_ASSERTION), (.invalidArgument, CXAPIAN_ERR_INVALID_ARGUMENT),
            (.invalidOperation, CXAPIAN_ERR_INVALID_OPERATION),
            (.unimplemented, CXAPIAN_ERR_UNIMPLEMENTED),
            (.database, CXAPIAN_ERR_DATABASE), (.databaseCorrupt, CXAPIAN_ERR_DATABASE_CORRUPT),
            (.databaseCreate, CXAPIAN_ERR_DATABASE_CREATE),
            (.databaseLock, CXAPIAN_ERR_DATABASE_LOCK),
            (.databaseModified, CXAPIAN_ERR_DATABASE_MODIFIED),
            (.databaseOpening, CXAPIAN_ERR_DATABASE_OPENING),
            (.databaseNotFound, CXAPIAN_ERR_DATABASE_NOT_FOUND),
            (.databaseVersion, CXAPIAN_ERR_DATABASE_VERSION),
            (.databaseClosed, CXAPIAN_ERR_DATABASE_CLOSED),
            (.docNotFound, CXAPIAN_ERR_DOC_NOT_FOUND),
            (.featureUnavailable, CXAPIAN_ERR_FEATURE_UNAVAILABLE),
            (.internal, CXAPIAN_ERR_INTERNAL),
            (.network, CXAPIAN_ERR_NETWORK), (.networkTimeout, CXAPIAN_ERR_NETWORK_TIMEOUT),
            (.queryParser, CXAPIAN_ERR_QUERY_PARSER), (.serialisation, CXAPIAN_ERR_SERIALISATION),
            (.range, CXAPIAN_ERR_RANGE), (.wildcard, CXAPIAN_ERR_WILDCARD),
            (.otherXapian, CXAPIAN_ERR_OTHER_XAPIAN), (.outOfMemory, CXAPIAN_ERR_OUT_OF_MEMORY),
            (.stdException, CXAPIAN_ERR_STD_EXCEPTION), (.unknown, CXAPIAN_ERR_UNKNOWN),
        ]
        #expect(pairs.count == XapianError.Code.allCases.count)
        for (code, raw) in pairs {
            #expect(code.rawValue == Int32(raw.rawValue), "\(code)")
        }
    }

    @Test func missingPathIsDatabaseNotFound() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/nothing-here"
            let error = try #require(
                xapianError { () throws(XapianError) in _ = try XapianDatabase(path: path) })
            #expect(error.code == .databaseNotFound)
            #expect(error.type == "DatabaseNotFoundError")
            #expect(
                error.description
                    == "DatabaseNotFoundError: Couldn't stat '\(path)' (No such file or directory)")

            let noCreate = xapianError { () throws(XapianError) in
                _ = try WritableXapianDatabase(path: path, options: [])
            }
            #expect(noCreate?.code == .databaseNotFound)
        }
    }

    @Test func missingParentIsDatabaseCreate() throws {
        try withTemporaryDirectory { dir in
            let error = xapianError { () throws(XapianError) in
                _ = try WritableXapianDatabase(path: dir + "/missing/db")
            }
            #expect(error?.code == .databaseCreate)
            #expect(error?.type == "DatabaseCreateError")
        }
    }

    @Test func fileThatIsNotADatabaseIsDatabaseOpening() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/not-a-db"
            try Data("this is not a database\n".utf8).write(to: URL(fileURLWithPath: path))
            let error = xapianError { () throws(XapianError) in _ = try XapianDatabase(path: path) }
            #expect(error?.code == .databaseOpening)
            #expect(error?.type == "DatabaseOpeningError")
        }
    }

    @Test func garbageInTheFilesIsDatabaseCorrupt() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/db"
            let writer = try WritableXapianDatabase(path: path)
            try writer.add(try makeDocument(id: "one", terms: [("cell", 1)]))
            try writer.close()

            let copy = dir + "/copy"
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            for file in ["iamglass", "postlist.glass"] {
                let size = try #require(
                    FileManager.default.attributesOfItem(atPath: copy + "/" + file)[.size] as? Int)
                let garbage = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) })
                try garbage.write(to: URL(fileURLWithPath: copy + "/" + file))
            }
            let error = xapianError { () throws(XapianError) in _ = try XapianDatabase(path: copy) }
            #expect(error?.code == .databaseCorrupt)
            #expect(error?.type == "DatabaseCorruptError")
            // The original is untouched.
            #expect(try XapianDatabase(path: path).documentCount() == 1)
        }
    }

    @Test func secondWriterInTheSameProcessIsDatabaseLock() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/db"
            let first = try WritableXapianDatabase(path: path)
            let error = try #require(
                xapianError { () throws(XapianError) in
                    _ = try WritableXapianDatabase(path: path)
                })
            #expect(error.code == .databaseLock)
            #expect(
                error.description
                    == "DatabaseLockError: Unable to get write lock on \(path): already locked")
            try first.close()
            // Closing released the lock.
            let second = try WritableXapianDatabase(path: path)
            try second.close()
        }
    }

    @Test func pathWithNulIsInvalidArgument() {
        let error = xapianError { () throws(XapianError) in
            _ = try XapianDatabase(path: "/tmp/a\u{0}b")
        }
        #expect(error?.code == .invalidArgument)
    }

    @Test func versionIsTheLinkedLibrary() {
        #expect(xapianVersion.hasPrefix("1.4."))
    }

    @Test func longMessagesAreCutOnACharacterBoundary() throws {
        // A path far longer than the 976-byte message buffer, made of 2-byte characters.
        let path = "/tmp/" + String(repeating: "é", count: 1500)
        let error = try #require(
            xapianError { () throws(XapianError) in _ = try XapianDatabase(path: path) })
        // stat() fails with ENAMETOOLONG, which Xapian reports as an opening error.
        #expect(error.code == .databaseOpening)
        #expect(error.message.utf8.count <= 975)
        #expect(error.message.utf8.count >= 970)
        #expect(!error.message.contains("\u{FFFD}"))
        #expect(error.message.hasPrefix("Couldn't stat '/tmp/éé"))
    }
}
