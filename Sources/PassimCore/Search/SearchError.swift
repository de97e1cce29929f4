import PassimQuery

/// Why a search could not be answered.
public enum SearchError: Error, Sendable, CustomStringConvertible {
    /// The query text is not valid query syntax.
    case syntax(QuerySyntaxError)
    /// A parameter is out of range (e.g. a negative limit).
    case invalidRequest(String)
    /// The index could not be read.
    case index(IndexError)

    public var description: String {
        switch self {
        case .syntax(let error): return "\(error)"
        case .invalidRequest(let message): return message
        case .index(let error): return error.message
        }
    }
}
