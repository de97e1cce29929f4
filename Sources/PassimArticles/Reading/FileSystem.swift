#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few POSIX calls the reader needs, with errno turned into ``ArticleError`` reasons.
///
/// POSIX rather than FileManager: the reader must tell "not found" from "permission denied"
/// from "a pipe" precisely, and must never block opening a FIFO named `x.txt`.
enum FileSystem {
    enum Kind { case regular, directory, other }

    struct Status {
        var kind: Kind
        /// Device and inode: the file's identity, to skip a file reached twice.
        var identity: FileIdentity
    }

    struct FileIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// `stat` (following symbolic links).
    static func status(_ path: String) -> Result<Status, ArticleError> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(error(path, errno)) }
        let type = info.st_mode & S_IFMT
        let kind: Kind = type == S_IFREG ? .regular : type == S_IFDIR ? .directory : .other
        let identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        return .success(Status(kind: kind, identity: identity))
    }

    /// A directory entry's name: its text, or, for a name that is not valid UTF-8 (which
    /// Passim cannot carry in paths, ids and JSON), its bytes with the text repaired for display.
    struct Name {
        var text: String
        /// The name's bytes when they are not valid UTF-8.
        var invalidBytes: [UInt8]? = nil
        /// Whether readdir says the entry is a directory (false when it cannot tell).
        var isDirectory = false
    }

    /// The names in a directory, without `.` and `..`.
    static func entries(_ path: String) -> Result<[Name], ArticleError> {
        guard let directory = opendir(path) else { return .failure(error(path, errno)) }
        defer { closedir(directory) }
        var names: [Name] = []
        // The name is read in place, up to its NUL. Copying `d_name` (declared 256 bytes) reads
        // past a short record at the end of readdir's buffer, which crashed on a page boundary
        // while walking the benchmark's 256,885 article files.
        guard let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name),
            let typeOffset = MemoryLayout<dirent>.offset(of: \dirent.d_type)
        else {
            preconditionFailure("dirent.d_name is a stored field")
        }
        while let entry = readdir(directory) {
            let field = UnsafeRawPointer(entry).advanced(by: nameOffset).assumingMemoryBound(to: CChar.self)
            guard let name = String(validatingCString: field) else {
                let bytes = UnsafeBufferPointer(start: field, count: strlen(field)).map { UInt8(bitPattern: $0) }
                let type = UnsafeRawPointer(entry).load(fromByteOffset: typeOffset, as: UInt8.self)
                names.append(
                    Name(
                        text: String(decoding: bytes, as: UTF8.self), invalidBytes: bytes,
                        isDirectory: type == UInt8(DT_DIR)))
                continue
            }
            if name != "." && name != ".." { names.append(Name(text: name)) }
        }
        return .success(names)
    }

    /// The whole content of a regular file of at most `maxBytes` bytes: a larger file is an
    /// error before anything is read, and so is one that grows past the limit while it is read,
    /// so memory stays bounded whatever is at the path (a sparse terabyte, a file being written).
    static func read(_ path: String, maxBytes: Int) -> Result<[UInt8], ArticleError> {
        readStamped(path, maxBytes: maxBytes).map(\.bytes)
    }

    /// ``read(_:maxBytes:)``, with the file's modification time (nanoseconds since 1970) as
    /// it was before the bytes were read: a write during the read makes the stamp older than
    /// the file, never newer than its content.
    static func readStamped(_ path: String, maxBytes: Int) -> Result<(bytes: [UInt8], modified: Int64), ArticleError> {
        withRegularFile(path) { descriptor, info in
            let size = Int(info.st_size)
            guard size <= maxBytes else {
                return .failure(ArticleError(path: path, reason: .tooLarge(bytes: size, limit: maxBytes)))
            }
            return readAll(descriptor, path: path, size: size, maxBytes: maxBytes).map { ($0, modified(info)) }
        }
    }

    /// The first `count` bytes of the regular file at `path` (all of it when it is shorter):
    /// what a reader needs to check a passage's place without reading a file that grew huge.
    static func readPrefix(_ path: String, count: Int) -> Result<[UInt8], ArticleError> {
        withRegularFile(path) { descriptor, _ in
            var bytes = [UInt8](repeating: 0, count: max(0, count))
            var filled = 0
            while filled < count {
                let read = bytes.withUnsafeMutableBytes { buffer -> Int in
                    guard let base = buffer.baseAddress else { return 0 }
                    return pread(descriptor, base + filled, count - filled, off_t(filled))
                }
                if read < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    return .failure(error(path, errno))
                }
                if read == 0 { break }
                filled += read
            }
            return .success(Array(bytes[0..<filled]))
        }
    }

    /// The size and modification time (nanoseconds since 1970) of the file at `path`, or nil.
    static func stamp(_ path: String) -> (size: Int, modified: Int64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (Int(info.st_size), modified(info))
    }

    private static func modified(_ info: stat) -> Int64 {
        Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }

    /// Runs `body` with the open descriptor and status of the regular file at `path`; anything
    /// else there (a FIFO, a device, a folder) is `.notRegularFile` without waiting on it.
    private static func withRegularFile<T>(
        _ path: String, _ body: (Int32, stat) -> Result<T, ArticleError>
    ) -> Result<T, ArticleError> {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then rejects it.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(error(path, errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(error(path, errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .failure(ArticleError(path: path, reason: .notRegularFile))
        }
        return body(descriptor, info)
    }

    /// Reads `descriptor` to its end, refusing more than `maxBytes` (a file that grows while it
    /// is read).
    private static func readAll(_ descriptor: Int32, path: String, size: Int, maxBytes: Int) -> Result<
        [UInt8], ArticleError
    > {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress, buffer.count)
            }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .failure(error(path, errno))
            }
            guard bytes.count + count <= maxBytes else {
                return .failure(
                    ArticleError(path: path, reason: .tooLarge(bytes: bytes.count + count, limit: maxBytes)))
            }
            bytes += chunk[0..<count]
        }
        return .success(bytes)
    }

    /// The text of a small regular file (a `.passimignore`), or nil when there is none to read.
    static func smallText(_ path: String) -> String? {
        guard case .success(let bytes) = read(path, maxBytes: 1 << 20) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func error(_ path: String, _ code: Int32) -> ArticleError {
        switch code {
        case ENOENT, ENOTDIR:
            ArticleError(path: path, reason: .notFound)
        default:
            ArticleError(path: path, reason: .unreadable(detail: String(cString: strerror(code))))
        }
    }
}

/// `read(2)`, named apart from the enclosing `read(_:)`.
private func systemRead(
    _ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int
) -> Int {
    read(descriptor, buffer, count)
}
