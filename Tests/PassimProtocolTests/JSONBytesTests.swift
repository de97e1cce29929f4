import Foundation
import PassimProtocol
import PassimTestSupport
import Testing

/// The daemon's fast JSON path must write exactly what `JSONEncoder` writes for the same value,
/// so the golden files and every client see one format whichever path made the bytes.
@Suite struct JSONBytesTests {
    private static func reference<R: ResponseType>(_ result: R, id: RequestID) throws -> [UInt8] {
        Array(try MessageEncoder().encode(result: result, id: id))
    }

    @Test func theGoldenSearchAnswerIsWrittenByteForByteAsJSONEncoderWritesIt() throws {
        let fast = try MessageEncoder().encodedBytes(result: GoldenFixtures.searchResult, id: 2)
        let slow = try Self.reference(GoldenFixtures.searchResult, id: 2)
        #expect(String(decoding: fast, as: UTF8.self) == String(decoding: slow, as: UTF8.self))
    }

    @Test func randomSearchAnswersAreWrittenAsJSONEncoderWritesThem() throws {
        var random = SeededGenerator(seed: 0x5EA2C4)
        for round in 0..<400 {
            let result = RandomSearchResults.result(using: &random)
            let id: RequestID =
                Bool.random(using: &random) ? .number(round - 200) : .string(RandomSearchResults.text(using: &random))
            let fast = try MessageEncoder().encodedBytes(result: result, id: id)
            let slow = try Self.reference(result, id: id)
            try #require(
                fast == slow,
                "round \(round):\n\(String(decoding: fast, as: UTF8.self))\n\(String(decoding: slow, as: UTF8.self))")
        }
    }

    @Test func resultsWithoutAFastPathStillGoThroughJSONEncoder() throws {
        let result = EmptyResponse()
        #expect(try MessageEncoder().encodedBytes(result: result, id: 7) == Self.reference(result, id: 7))
    }
}
