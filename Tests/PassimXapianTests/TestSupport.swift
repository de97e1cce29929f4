import Foundation
import PassimXapian

/// A fresh temporary directory for one test, removed with everything in it when `body` returns.
func withTemporaryDirectory<Result>(_ body: (String) throws -> Result) throws -> Result {
    let path = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// Async variant of `withTemporaryDirectory`.
func withTemporaryDirectory<Result>(_ body: (String) async throws -> Result) async throws -> Result {
    let path = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

private func makeTemporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("passim-xapian-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A document with a unique id term, some free terms, data and an optional slot-0 value.
func makeDocument(
    id: String, terms: [(String, UInt32)] = [], data: String? = nil, key: String? = nil
) throws -> XapianDocument {
    let document = XapianDocument()
    try document.addBooleanTerm("Q" + id)
    for (term, wdf) in terms {
        try document.addTerm(term, wdfIncrement: wdf)
    }
    try document.setData(Array((data ?? id).utf8))
    if let key {
        try document.addValue(slot: 0, key)
    }
    return document
}

/// The bytes as a UTF-8 string, for readable expectations.
func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
}

/// Runs `body` and returns the XapianError it throws, or nil if it does not throw one.
func xapianError(_ body: () throws(XapianError) -> Void) -> XapianError? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}
