import CXapian

/// Merges the databases at `sources` into a new compact database at `destination`.
///
/// With `keepDocumentIDs` the ids are kept, which fails with `.invalidOperation` if the sources'
/// id ranges overlap; otherwise each source's ids are renumbered after the previous one's.
public func xapianCompact(sources: [String], destination: String, keepDocumentIDs: Bool)
    throws(XapianError)
{
    if sources.isEmpty {
        throw .invalidArgument("compaction needs at least one source database")
    }
    var paths: [String] = []
    for source in sources {
        paths.append(try source.checkedPath())
    }
    let destination = try destination.checkedPath()
    // C strings that live for the whole call (String's own withCString can't nest a whole array).
    let cStrings: [UnsafeMutablePointer<CChar>] = paths.map { path in
        let utf8 = Array(path.utf8CString)
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count)
        buffer.initialize(from: utf8, count: utf8.count)
        return buffer
    }
    defer { cStrings.forEach { $0.deallocate() } }
    let pointers: [UnsafePointer<CChar>?] = cStrings.map { UnsafePointer($0) }
    try cxapianCall { error in
        pointers.withUnsafeBufferPointer {
            cxapian_compact($0.baseAddress, $0.count, destination, keepDocumentIDs ? 1 : 0, &error)
        }
    }
}
