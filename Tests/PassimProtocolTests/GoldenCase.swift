import Foundation
import PassimProtocol
import Testing

/// One golden file and the value it must encode from and decode to.
struct GoldenCase: Sendable, CustomTestStringConvertible {
    /// The file name under Golden/, e.g. `search.request.json`.
    let file: String
    /// The value encoded as the golden bytes are written: pretty, sorted keys, plus a newline.
    let encode: @Sendable () throws -> Data
    /// Decodes the file's bytes and says whether they equal the value.
    let decodesToValue: @Sendable (Data) throws -> Bool
    /// For requests and notifications: whether `MessageDecoder` classifies the file's bytes as
    /// exactly this message.
    let classifiesAsValue: (@Sendable (Data) -> Bool)?

    var testDescription: String { file }

    static func make<T: Codable & Hashable & Sendable>(
        _ file: String, _ value: T, classify: (@Sendable (Data) -> Bool)? = nil
    ) -> GoldenCase {
        GoldenCase(
            file: file,
            encode: { try Golden.encoder.encode(value) + Data("\n".utf8) },
            decodesToValue: { try JSONDecoder().decode(T.self, from: $0) == value },
            classifiesAsValue: classify)
    }

    static func request<R: RequestType>(_ name: String, id: RequestID, _ request: R) -> GoldenCase {
        make(
            "\(name).request.json", RequestMessage(id: id, request: request),
            classify: { data in
                guard case .request(let decodedID, let decoded) = MessageDecoder().decode(data) else { return false }
                return decodedID == id && AnyHashable(decoded) == AnyHashable(request)
            })
    }

    static func response<R: ResponseType>(_ name: String, id: RequestID, _ result: R) -> GoldenCase {
        make("\(name).response.json", ResponseMessage(id: id, result: result))
    }

    static func notification<N: NotificationType>(
        _ name: String, _ notification: N, registry: MessageRegistry
    ) -> GoldenCase {
        make(
            "\(name).notification.json", NotificationMessage(notification),
            classify: { data in
                guard case .notification(let decoded) = MessageDecoder(registry: registry).decode(data) else {
                    return false
                }
                return AnyHashable(decoded) == AnyHashable(notification)
            })
    }

    static func error(_ error: ResponseError, id: RequestID?) -> GoldenCase {
        make(
            "error.\(error.code.name ?? String(error.code.rawValue)).json",
            ResponseMessage<JSONValue>(id: id, error: error))
    }
}

/// Where golden files live and how they are written.
enum Golden {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// `PASSIM_RECORD_GOLDEN=1 swift test ...` rewrites the files in the source tree.
    static let recording = ProcessInfo.processInfo.environment["PASSIM_RECORD_GOLDEN"] == "1"

    /// The golden file name for a method: `passage/get` -> `passage-get`, `$/progress` -> `progress`.
    static func name(forMethod method: String) -> String {
        method.replacingOccurrences(of: "$/", with: "").replacingOccurrences(of: "/", with: "-")
    }

    /// The copy bundled with the tests.
    static func bundledURL(_ file: String) throws -> URL {
        let directory = try #require(Bundle.module.url(forResource: "Golden", withExtension: nil))
        return directory.appendingPathComponent(file)
    }

    /// The copy in the source tree (for recording).
    static func sourceURL(_ file: String, testFile: String = #filePath) -> URL {
        URL(fileURLWithPath: testFile).deletingLastPathComponent()
            .appendingPathComponent("Golden").appendingPathComponent(file)
    }

    /// Every `.json` file bundled under Golden/.
    static func bundledFiles() throws -> [String] {
        let directory = try #require(Bundle.module.url(forResource: "Golden", withExtension: nil))
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
    }
}
