import Foundation
import NIOConcurrencyHelpers
import PassimProtocol

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads article sources for converting positions to UTF-16 or UTF-32.
///
/// Files are read from disk at their indexed path. Text ingested inline (an editor's unsaved
/// buffer) has no file, so the daemon keeps the most recent inline texts by name; the
/// converter checks each passage against the bytes, so a stale copy is detected, never used.
public final class SourceLoader: Sendable {
    /// Inline texts are forgotten, oldest first, past this many bytes in all.
    static let maxInlineBytes = 32 << 20

    private struct Inline {
        var texts: [String: [UInt8]] = [:]
        /// Names, least recently ingested first.
        var order: [String] = []
        var bytes = 0
    }

    private let inline = NIOLockedValueBox(Inline())

    /// A loader that knows no inline texts yet.
    public init() {}

    /// Remembers the text ingested under `name`.
    func rememberInline(name: String, text: String) {
        let bytes = Array(text.utf8)
        inline.withLockedValue { inline in
            if let previous = inline.texts.removeValue(forKey: name) {
                inline.bytes -= previous.count
                inline.order.removeAll { $0 == name }
            }
            inline.texts[name] = bytes
            inline.order.append(name)
            inline.bytes += bytes.count
            while inline.bytes > Self.maxInlineBytes, inline.order.count > 1 {
                let oldest = inline.order.removeFirst()
                inline.bytes -= inline.texts.removeValue(forKey: oldest)?.count ?? 0
            }
        }
    }

    /// The source at `path`: an inline text by that name, else the file's first `prefix` bytes
    /// (the converter needs nothing past them, and the file may have grown to any size).
    public func load(_ path: String, prefix: Int) throws -> SourceText {
        if let bytes = inline.withLockedValue({ $0.texts[path] }) {
            return SourceText(bytes: bytes)
        }
        guard path.hasPrefix("/") else {
            throw PositionConversionError.sourceUnavailable(
                path: path, reason: "no such file (the text was ingested inline)")
        }
        // O_NONBLOCK: a file replaced by a named pipe must not hold a searcher thread forever
        // waiting for a writer; fstat then refuses anything but a regular file.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw PositionConversionError.sourceUnavailable(path: path, reason: String(cString: strerror(errno)))
        }
        let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw PositionConversionError.sourceUnavailable(path: path, reason: "not a regular file")
        }
        do {
            return SourceText(bytes: Array(try file.read(upToCount: max(prefix, 0)) ?? Data()))
        } catch {
            throw PositionConversionError.sourceUnavailable(path: path, reason: error.localizedDescription)
        }
    }

    /// A converter to `encoding` reading through this loader.
    func converter(for encoding: PositionEncoding) -> PositionConverter {
        PositionConverter(encoding: encoding) { [self] path, prefix in try load(path, prefix: prefix) }
    }

    /// `value` with its positions in `encoding`, or the error to answer when a file changed
    /// since it was indexed (or cannot be read).
    func converted<Value>(
        _ value: Value, to encoding: PositionEncoding,
        _ convert: (PositionConverter, Value) throws(PositionConversionError) -> Value
    ) -> Result<Value, ResponseError> {
        do throws(PositionConversionError) {
            return .success(try convert(converter(for: encoding), value))
        } catch {
            return .failure(ErrorMapping.conversion(error))
        }
    }
}
