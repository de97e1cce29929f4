import Foundation
import PassimProtocol
import Testing

/// PROTOCOL.md, read from the repository root.
private let document: String = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("PROTOCOL.md")
    return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
}()

/// A `printf '%s\n' '...' | socat ...` example: the messages it sends, and the error the
/// comment line above it promises (`# answers invalidParams`), if any.
private struct ShellExample {
    var messages: [String]
    var expectedError: String?
}

private func shellExamples() -> [ShellExample] {
    var examples: [ShellExample] = []
    var promised: String? = nil
    for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("# answers ") {
            promised = String(line.dropFirst("# answers ".count))
            continue
        }
        guard line.hasPrefix(#"printf '%s\n' '"#), let pipe = line.range(of: "' | socat") else {
            promised = nil
            continue
        }
        let arguments = line[line.index(line.startIndex, offsetBy: #"printf '%s\n' "#.count)..<pipe.lowerBound]
        let messages = arguments.dropFirst().components(separatedBy: "' '")
        examples.append(ShellExample(messages: messages, expectedError: promised))
        promised = nil
    }
    return examples
}

/// The ```json blocks, each with the `### method` section it sits in.
private func jsonBlocks() -> [(section: String, text: String)] {
    var blocks: [(String, String)] = []
    var section = ""
    var current: [Substring]? = nil
    for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("### ") { section = String(line.dropFirst(4)) }
        if line == "```json" {
            current = []
        } else if line == "```", let lines = current {
            blocks.append((section, lines.joined(separator: "\n")))
            current = nil
        } else if current != nil {
            current?.append(line)
        }
    }
    return blocks
}

/// Expects PROTOCOL.md to contain `text`, without printing the whole document on failure.
private func expectDocument(contains text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let found = document.contains(text)
    #expect(found, "PROTOCOL.md lacks \"\(text)\"", sourceLocation: sourceLocation)
}

/// Whether `data` decodes as a success response of request type `R`.
private func decodesAsResult<R: RequestType>(of type: R.Type, _ data: Data) -> Bool {
    guard let message = try? JSONDecoder().decode(ResponseMessage<R.Response>.self, from: data) else { return false }
    if case .success = message.outcome { return true }
    return false
}

@Suite("PROTOCOL.md matches the code")
struct ProtocolDocumentTests {
    @Test func documentIsThere() {
        expectDocument(contains: "# The Passim protocol, version \(ProtocolVersion.current)")
    }

    @Test func everySocatExampleIsAValidMessageOrGetsItsPromisedError() throws {
        let decoder = MessageDecoder()
        var methods: Set<String> = []
        let examples = shellExamples()
        #expect(examples.count >= 15)
        for example in examples {
            for message in example.messages {
                let decoded = decoder.decode(Array(message.utf8))
                switch (decoded, example.expectedError) {
                case (.request(_, let request), nil):
                    methods.insert(type(of: request).method)
                case (.notification(let notification), nil):
                    methods.insert(type(of: notification).method)
                case (.invalid(_, let error), .some(let name)):
                    #expect(error.code.name == name, "\(message) got \(error.message)")
                default:
                    Issue.record(
                        "\(message) decoded as \(decoded), expected \(example.expectedError ?? "a valid message")")
                }
            }
        }
        let documented = Set(MessageRegistry.server.requestMethods + MessageRegistry.server.notificationMethods)
        #expect(methods == documented, "methods without a socat example: \(documented.subtracting(methods))")
    }

    @Test func everyJSONExampleDecodes() throws {
        let blocks = jsonBlocks()
        #expect(blocks.count >= 12)
        let client = MessageDecoder(registry: .client)
        for (section, text) in blocks {
            // A block is one pretty-printed message, or one message per line.
            let whole = Data(text.utf8)
            let messages =
                (try? JSONSerialization.jsonObject(with: whole)) != nil
                ? [whole] : text.split(separator: "\n").map { Data($0.utf8) }
            for message in messages {
                switch client.decode(message) {
                case .response(let response):
                    if let type = MessageRegistry.server.requestType(for: section), case .success = response.outcome {
                        let isResult = decodesAsResult(of: type, message)
                        #expect(isResult, "the example under ### \(section) is not a \(section) result")
                    }
                case .notification:
                    break
                default:
                    Issue.record(
                        "under ### \(section): not a response or notification: \(String(decoding: message, as: UTF8.self))"
                    )
                }
            }
        }
    }

    @Test func errorTableListsEveryCode() {
        for code in ErrorCode.all {
            expectDocument(contains: "| \(code.rawValue) | \(code.name ?? "?") |")
        }
    }

    @Test func paramRangesMatchTheValidation() {
        func integer(_ range: ClosedRange<Int>) -> String { "integer \(range.lowerBound)-\(range.upperBound)" }
        let rows = [
            "| `limit?` | \(integer(RequestLimits.searchLimit)) | \(RequestLimits.defaultSearchLimit) | hits per page |",
            "| `offset?` | \(integer(RequestLimits.searchOffset)) | 0 |",
            "| `perArticle?` | \(integer(RequestLimits.perArticle)) |",
            "| `context?` | \(integer(RequestLimits.passageContext)) | \(RequestLimits.defaultPassageContext) |",
            "| `limit?` | \(integer(RequestLimits.suggestLimit)) | \(RequestLimits.defaultSuggestLimit) | maximum completions |",
            "| `deadlineMs?` | \(integer(RequestLimits.deadlineMs)) |",
        ]
        for row in rows {
            expectDocument(contains: row)
        }
        let bytes = String(RequestLimits.defaultMaxMessageBytes).reversed().enumerated()
            .map { index, digit in index > 0 && index % 3 == 0 ? "\(digit)," : "\(digit)" }.reversed().joined()
        expectDocument(contains: "(\(bytes) bytes;")
    }

    @Test func versionHistoryListsTheCurrentVersion() {
        expectDocument(contains: "| \(ProtocolVersion.current) |")
    }
}
