import CICU

/// One ICU boundary iterator plus its reusable segment buffer (word or sentence breaks).
///
/// Not thread safe: an ICU break iterator holds the text it iterates.
final class ICUBreaker {
    /// The largest segment buffer kept between texts (64 Ki segments, 768 KiB).
    static let retainedSegments = 1 << 16

    private let handle: OpaquePointer
    private var buffer: [cicu_segment] = []

    init(kind: cicu_break_kind, locale: String) throws(AnalysisError) {
        var error = cicu_error()
        guard let handle = cicu_breaker_open(kind, locale, &error) else {
            throw AnalysisError(code: .breakIteratorUnavailable, message: Self.message(of: error))
        }
        self.handle = handle
    }

    deinit {
        cicu_breaker_close(handle)
    }

    /// Calls `body` with every segment of `text` (word and non-word), in order.
    ///
    /// The segments cover the text; offsets are UTF-8 byte offsets into `text`.
    func withSegments<R>(
        of text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<cicu_segment>) -> R
    ) -> R {
        // Beyond Int32 the shim cannot address the text; callers split such input first.
        precondition(text.count < Int(Int32.max), "text too large for ICU segmentation")
        let length = Int32(text.count)
        // About one segment per 3 bytes in English prose (word, space); grow when wrong.
        if buffer.count < text.count / 2 + 16 {
            buffer = Array(repeating: cicu_segment(), count: text.count / 2 + 16)
        }
        var count: Int32 = 0
        var status = segment(text, length, &count)
        if status == Int32(CICU_ERR_BUFFER_TOO_SMALL.rawValue) {
            buffer = Array(repeating: cicu_segment(), count: Int(count))
            status = segment(text, length, &count)
        }
        // A Swift String is valid UTF-8, so only an ICU or memory failure can land here.
        precondition(status == Int32(CICU_OK.rawValue), "ICU segmentation failed: status \(status)")
        defer {
            // One huge text must not pin megabytes for the life of the analyzer.
            if buffer.count > Self.retainedSegments { buffer = [] }
        }
        return buffer.withUnsafeBufferPointer { segments in
            body(UnsafeBufferPointer(rebasing: segments[0..<Int(count)]))
        }
    }

    private func segment(
        _ text: UnsafeBufferPointer<UInt8>, _ length: Int32, _ count: inout Int32
    ) -> Int32 {
        var error = cicu_error()
        let capacity = Int32(clamping: buffer.count)
        return buffer.withUnsafeMutableBufferPointer { out in
            text.withMemoryRebound(to: CChar.self) { chars in
                cicu_breaker_segment(
                    handle, chars.baseAddress, length, out.baseAddress, capacity, &count, &error)
            }
        }
    }

    static func message(of error: cicu_error) -> String {
        withUnsafeBytes(of: error.message) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
