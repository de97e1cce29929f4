import PassimProtocol

/// One message from the daemon, read in one pass: whose answer it is and, when it answers the
/// request waited for, its result read by the caller's reader (or where its error lies).
enum ResponseEnvelope<Value> {
    /// A notification (a message with a `method`): it answers nothing.
    case notification
    /// The answer to another request (one given up on earlier).
    case otherRequest
    /// The result, read.
    case result(Value)
    /// An error answer (to this request, or to one the daemon could not read the id of): the
    /// bytes of its `error` member.
    case error(Range<Int>)

    /// Reads `message` as an answer to `id`, reading its result with `readResult`, which gets
    /// the bytes the reader reads (its offsets count from their start).
    init(
        _ message: [UInt8], answering id: RequestID,
        readResult: (inout JSONReader, ArraySlice<UInt8>) throws(JSONReadError) -> Value
    ) throws(JSONReadError) {
        var answered: RequestID??
        var value: Value?
        var result: Range<Int>?
        var error: Range<Int>?
        var isNotification = false
        try JSONReader.read(message) { reader throws(JSONReadError) in
            try reader.readObject { reader, key throws(JSONReadError) in
                switch key {
                case "id": answered = .some(try Self.readID(&reader))
                case "result":
                    // The daemon writes `id` first (its keys are sorted), so the result is read
                    // where it lies; in another order it is read once the id is known.
                    if answered == .some(id) {
                        value = try readResult(&reader, message[...])
                    } else {
                        result = try reader.skipValue()
                    }
                case "error": error = try reader.skipValue()
                case "method":
                    isNotification = true
                    try reader.skipValue()
                default: try reader.skipValue()
                }
            }
        }
        if isNotification {
            self = .notification
        } else if let error {
            self = answered == .some(id) || answered == .some(nil) ? .error(error) : .otherRequest
        } else if answered != .some(id) {
            self = .otherRequest
        } else if let value {
            self = .result(value)
        } else if let result {
            let bytes = message[result]
            self = .result(
                try JSONReader.read(bytes) { reader throws(JSONReadError) in try readResult(&reader, bytes) })
        } else {
            throw JSONReadError(offset: 0, problem: "a message with neither `result`, `error` nor `method`")
        }
    }

    /// An id as `RequestID` decodes it: an integer or a string; nil for `null`.
    private static func readID(_ reader: inout JSONReader) throws(JSONReadError) -> RequestID? {
        switch try reader.nextKind() {
        case .null:
            _ = try reader.readNull()
            return nil
        case .string: return .string(try reader.readString())
        default: return .number(try reader.readInt())
        }
    }
}
