import CXapian

/// A failure reported by Xapian (or the shim around it), with Xapian's class name and message.
public struct XapianError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure: one case per Xapian exception class, mirroring `cxapian_code`.
    public enum Code: Int32, Sendable, CaseIterable {
        case assertion = 1
        case invalidArgument, invalidOperation, unimplemented,
            database, databaseCorrupt, databaseCreate, databaseLock, databaseModified,
            databaseOpening, databaseNotFound, databaseVersion, databaseClosed, docNotFound,
            featureUnavailable, `internal`, network, networkTimeout, queryParser, serialisation,
            range, wildcard, otherXapian, outOfMemory, stdException, unknown
    }

    /// What kind of failure this is.
    public let code: Code
    /// Xapian's exception class name, e.g. "DatabaseLockError".
    public let type: String
    /// Xapian's message, e.g. "Unable to get write lock on /tmp/db: already locked".
    public let message: String

    /// Creates an error; the shim creates these, and callers may for their own checks.
    public init(code: Code, type: String, message: String) {
        self.code = code
        self.type = type
        self.message = message
    }

    /// "Type: message", the way Xapian's own get_description() starts.
    public var description: String { "\(type): \(message)" }

    /// Copies a failure reported by the shim.
    init(_ raw: cxapian_error) {
        var raw = raw
        let type = withUnsafeBytes(of: &raw.type) { String(cString: $0) }
        let message = withUnsafeBytes(of: &raw.message) { String(cString: $0) }
        self.init(code: Code(rawValue: raw.code) ?? .unknown, type: type, message: message)
    }

    /// An invalid argument caught on the Swift side before reaching Xapian.
    static func invalidArgument(_ message: String) -> XapianError {
        XapianError(code: .invalidArgument, type: "InvalidArgumentError", message: message)
    }
}

extension String {
    /// Decodes a NUL-terminated buffer (always terminated by the shim) as UTF-8, repairing bad bytes.
    fileprivate init(cString buffer: UnsafeRawBufferPointer) {
        let bytes = buffer.prefix { $0 != 0 }
        self.init(decoding: bytes, as: UTF8.self)
    }
}
