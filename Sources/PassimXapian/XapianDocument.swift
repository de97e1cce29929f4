import CXapian

/// A document being built for a writable database: terms, positions, data and values.
public final class XapianDocument {
    let handle: OpaquePointer

    /// Creates an empty document.
    public init() {
        guard let handle = cxapian_document_new() else {
            // Only std::bad_alloc makes this fail; there is nothing sensible to continue with.
            fatalError("out of memory while creating a Xapian document")
        }
        self.handle = handle
    }

    deinit {
        cxapian_document_free(handle)
    }

    /// Adds `term` at `position` (1-based), increasing its wdf by `wdfIncrement`.
    public func addPosting(_ term: String, position: UInt32, wdfIncrement: UInt32 = 1)
        throws(XapianError)
    {
        try cxapianCall { error in
            term.withCBytes {
                cxapian_document_add_posting(handle, $0, $1, position, wdfIncrement, &error)
            }
        }
    }

    /// Adds `term` without a position, increasing its wdf by `wdfIncrement`.
    public func addTerm(_ term: String, wdfIncrement: UInt32 = 1) throws(XapianError) {
        try cxapianCall { error in
            term.withCBytes { cxapian_document_add_term(handle, $0, $1, wdfIncrement, &error) }
        }
    }

    /// Adds a boolean filter term (wdf 0, no positions), e.g. a unique id term.
    public func addBooleanTerm(_ term: String) throws(XapianError) {
        try cxapianCall { error in
            term.withCBytes { cxapian_document_add_boolean_term(handle, $0, $1, &error) }
        }
    }

    /// Sets the document's stored data, returned with search results.
    public func setData(_ data: [UInt8]) throws(XapianError) {
        try cxapianCall { error in
            data.withCBytes { cxapian_document_set_data(handle, $0, $1, &error) }
        }
    }

    /// Sets the value in `slot` (e.g. the collapse key).
    public func addValue(slot: UInt32, _ value: String) throws(XapianError) {
        try cxapianCall { error in
            value.withCBytes { cxapian_document_add_value(handle, slot, $0, $1, &error) }
        }
    }
}
