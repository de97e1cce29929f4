import Foundation
import PassimProtocol
import Testing

@Suite("Golden JSON for every message")
struct GoldenTests {
    @Test("encodes byte for byte, decodes to the same value", arguments: GoldenFixtures.all)
    func roundTrip(_ golden: GoldenCase) throws {
        let encoded = try golden.encode()
        if Golden.recording {
            try encoded.write(to: Golden.sourceURL(golden.file))
            return
        }
        let stored = try Data(contentsOf: Golden.bundledURL(golden.file))
        #expect(
            String(decoding: encoded, as: UTF8.self) == String(decoding: stored, as: UTF8.self),
            "re-record with PASSIM_RECORD_GOLDEN=1 only if the change is intended (and bump the version)")
        #expect(try golden.decodesToValue(stored))
        if let classifies = golden.classifiesAsValue {
            #expect(classifies(stored), "MessageDecoder must classify \(golden.file) as this message")
        }
    }

    @Test func everyMethodNotificationAndErrorHasGoldenFiles() throws {
        let files = Set(GoldenFixtures.all.map(\.file))
        for method in MessageRegistry.server.requestMethods {
            let name = Golden.name(forMethod: method)
            #expect(files.contains("\(name).request.json"), "no golden request for \(method)")
            #expect(files.contains("\(name).response.json"), "no golden response for \(method)")
        }
        for method in MessageRegistry.server.notificationMethods + MessageRegistry.client.notificationMethods {
            let name = Golden.name(forMethod: method)
            #expect(
                files.contains { $0.hasPrefix("\(name).") && $0.hasSuffix(".notification.json") },
                "no golden notification for \(method)")
        }
        for code in ErrorCode.all {
            #expect(files.contains("error.\(code.name ?? "").json"), "no golden error for \(code.rawValue)")
        }
    }

    @Test func everyGoldenFileIsChecked() throws {
        let checked = Set(GoldenFixtures.all.map(\.file))
        let unchecked = try Golden.bundledFiles().filter { !checked.contains($0) }
        #expect(unchecked.isEmpty, "golden files without a test case: \(unchecked)")
    }

    @Test func errorDataDecodesToItsTypedShape() throws {
        let syntax = try #require(ResponseError.querySyntax("x", offset: 4, expected: ["a word"]).data)
        #expect(try syntax.decode(QuerySyntaxErrorData.self) == QuerySyntaxErrorData(offset: 4, expected: ["a word"]))
        let tooLarge = try #require(ResponseError.requestTooLarge(size: 9, limit: 8).data)
        #expect(try tooLarge.decode(RequestTooLargeErrorData.self) == RequestTooLargeErrorData(limit: 8, size: 9))
        let lineTooLarge = try #require(ResponseError.requestTooLarge(size: nil, limit: 8).data)
        #expect(try lineTooLarge.decode(RequestTooLargeErrorData.self) == RequestTooLargeErrorData(limit: 8, size: nil))
        let notFound = try #require(ResponseError.notFound(.article, id: "a/b").data)
        #expect(try notFound.decode(NotFoundErrorData.self) == NotFoundErrorData(kind: .article, id: "a/b"))
        let deadline = try #require(ResponseError.deadlineExceeded(deadlineMs: 250).data)
        #expect(try deadline.decode(DeadlineExceededErrorData.self) == DeadlineExceededErrorData(deadlineMs: 250))
    }

    @Test func errorCodesAreDistinctAndNamed() {
        #expect(Set(ErrorCode.all).count == ErrorCode.all.count)
        #expect(Set(ErrorCode.all.compactMap(\.name)).count == ErrorCode.all.count)
        let passimCodes = ErrorCode.all.filter { $0.rawValue > -32100 && $0.rawValue < -32000 }
        #expect(passimCodes.count == 8, "Passim's own codes live in the JSON-RPC server range")
        #expect(ErrorCode.requestCancelled.rawValue == -32800, "LSP's RequestCancelled")
    }
}
