import CXapian

// Helpers that move values across the C boundary. Closures here never throw: typed throws do
// not pass through rethrows helpers such as withUTF8 (see platform.md), so each call returns the
// shim's status code and the caller throws afterwards.

/// Runs one shim call with a fresh error slot and throws what it reports.
func cxapianCall(_ body: (inout cxapian_error) -> Int32) throws(XapianError) {
    var error = cxapian_error()
    if body(&error) != 0 {
        throw XapianError(error)
    }
}

/// Runs one shim constructor-like call and throws what it reports when it returns NULL.
func cxapianMake(_ body: (inout cxapian_error) -> OpaquePointer?) throws(XapianError)
    -> OpaquePointer
{
    var error = cxapian_error()
    guard let handle = body(&error) else {
        throw XapianError(error)
    }
    return handle
}

extension String {
    /// Calls `body` with the UTF-8 bytes as a (pointer, length) pair; the pointer may be nil when empty.
    func withCBytes<Result>(_ body: (UnsafePointer<CChar>?, Int) -> Result) -> Result {
        var copy = self
        return copy.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { body($0.baseAddress, $0.count) }
        }
    }

    /// Checks that a path can be passed as a C string, since an embedded NUL would silently cut it.
    func checkedPath() throws(XapianError) -> String {
        if self.utf8.contains(0) {
            throw .invalidArgument("the path \"\(self)\" contains a NUL byte")
        }
        if self.isEmpty {
            throw .invalidArgument("the database path is empty")
        }
        return self
    }
}

extension Array where Element == UInt8 {
    /// Calls `body` with the bytes as a (pointer, length) pair; the pointer may be nil when empty.
    func withCBytes<Result>(_ body: (UnsafePointer<CChar>?, Int) -> Result) -> Result {
        withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { body($0.baseAddress, $0.count) }
        }
    }
}

/// Copies a shim-owned string into Swift bytes and frees it.
func takeBytes(_ string: cxapian_string) -> [UInt8] {
    defer { cxapian_string_free(string) }
    guard let data = string.data, string.length > 0 else {
        return []
    }
    return Array(UnsafeRawBufferPointer(start: data, count: string.length))
}

/// Copies a shim-owned string into a Swift String (invalid UTF-8 is repaired) and frees it.
func takeString(_ string: cxapian_string) -> String {
    String(decoding: takeBytes(string), as: UTF8.self)
}

/// Copies a shim-owned string list into Swift and frees it.
func takeStrings(_ list: OpaquePointer) -> [(string: String, count: Int)] {
    defer { cxapian_strings_free(list) }
    let count = cxapian_strings_count(list)
    var result: [(string: String, count: Int)] = []
    result.reserveCapacity(count)
    for index in 0..<count {
        var length = 0
        let text: String
        if let data = cxapian_strings_at(list, index, &length), length > 0 {
            text = String(
                decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
        } else {
            text = ""
        }
        result.append((text, Int(cxapian_strings_count_at(list, index))))
    }
    return result
}
