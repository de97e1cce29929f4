import CXapian

/// The version of the Xapian library Passim is running against, e.g. "1.4.22".
public let xapianVersion: String = String(cString: cxapian_version())
