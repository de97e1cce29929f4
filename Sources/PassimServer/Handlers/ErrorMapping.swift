import PassimCore
import PassimProtocol

/// Turns PassimCore's errors into the protocol's error responses.
enum ErrorMapping {
    /// Any failure to open or read the index.
    static func indexUnavailable(_ error: any Error) -> ResponseError {
        if let error = error as? IndexError {
            return .indexUnavailable(error.message)
        }
        return .indexUnavailable("\(error); check the index with `passim check`")
    }

    /// An index failure while reading `kind` `id`: a missing document is `notFound`.
    static func lookup(_ error: IndexError, kind: NotFoundErrorData.Kind, id: String) -> ResponseError {
        if error.code == .documentNotFound { return .notFound(kind, id: id) }
        return indexUnavailable(error)
    }

    /// A failed search; a syntax error's offset is converted to the connection's encoding.
    static func search(_ error: SearchError, method: String, query: String, encoding: PositionEncoding) -> ResponseError
    {
        switch error {
        case .syntax(let syntax):
            let converter = PositionConverter(encoding: encoding) { path, _ in
                throw PositionConversionError.sourceUnavailable(path: path, reason: "not needed for a query offset")
            }
            let offset = (try? converter.convertQueryOffset(syntax.offset, in: query)) ?? syntax.offset
            return .querySyntax(
                "Query syntax error at offset \(offset): \(syntax.message); expected \(syntax.expected)",
                offset: offset, expected: [syntax.expected])
        case .invalidRequest(let message):
            return .invalidParams(method: method, message)
        case .index(let error):
            return indexUnavailable(error)
        }
    }

    /// Offsets could not be converted because the article's file changed or cannot be read.
    static func conversion(_ error: PositionConversionError) -> ResponseError {
        .indexUnavailable(error.description)
    }
}
