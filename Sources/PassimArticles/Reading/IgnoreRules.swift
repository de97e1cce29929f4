#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The patterns of a `.passimignore` file, in gitignore syntax, for the folder that holds it.
///
/// Blank lines and `#` comments are skipped; `!` re-includes; a trailing `/` matches folders
/// only; a pattern with a `/` before its end is anchored to the folder of the file, one without
/// matches a name at any depth; `*`, `?` and `[…]` match within one path segment (libc's
/// `fnmatch`), `**` any number of segments. The last pattern that matches decides. As in git, a
/// file inside an ignored folder cannot be re-included (the folder is not read at all).
public struct IgnoreRules: Sendable, Hashable {
    /// The name of the file that holds them.
    public static let fileName = ".passimignore"

    struct Pattern: Sendable, Hashable {
        var segments: [String]
        var negated: Bool
        var directoryOnly: Bool
        var anchored: Bool
    }

    var patterns: [Pattern]

    /// Parses the text of an ignore file.
    public init(_ text: String) {
        patterns = text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { Self.pattern(String($0)) }
    }

    /// True when there is no pattern.
    public var isEmpty: Bool { patterns.isEmpty }

    /// Whether the rules exclude `path`, relative to the ignore file's folder (`a/b.txt`), or
    /// nil when no pattern matches it (a rule file further up may still decide).
    public func excludes(_ path: String, isDirectory: Bool) -> Bool? {
        let segments = path.split(separator: "/").map(String.init)
        var verdict: Bool?
        for pattern in patterns where !pattern.directoryOnly || isDirectory {
            let matched =
                pattern.anchored
                ? Self.match(pattern.segments[...], segments[...])
                : segments.last.map { Self.fnmatch(pattern.segments[0], $0) } ?? false
            if matched { verdict = !pattern.negated }
        }
        return verdict
    }

    private static func pattern(_ line: String) -> Pattern? {
        var text = Substring(line)
        if text.hasSuffix("\r") { text = text.dropLast() }
        // Trailing spaces are dropped unless escaped with a backslash.
        while text.hasSuffix(" ") && !text.hasSuffix("\\ ") { text = text.dropLast() }
        guard !text.isEmpty, !text.hasPrefix("#") else { return nil }
        var negated = false
        if text.hasPrefix("!") {
            negated = true
            text = text.dropFirst()
        } else if text.hasPrefix("\\!") || text.hasPrefix("\\#") {
            text = text.dropFirst()
        }
        var directoryOnly = false
        if text.hasSuffix("/") {
            directoryOnly = true
            text = text.dropLast()
        }
        guard !text.isEmpty else { return nil }
        let anchored = text.contains("/")
        if text.hasPrefix("/") { text = text.dropFirst() }
        let segments = text.split(separator: "/").map(String.init)
        guard !segments.isEmpty else { return nil }
        return Pattern(segments: segments, negated: negated, directoryOnly: directoryOnly, anchored: anchored)
    }

    /// Whether pattern segments match path segments, `**` standing for any number of them.
    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            // A trailing `**` matches everything inside, not the folder itself.
            if rest.isEmpty { return !path.isEmpty }
            return path.indices.contains { match(rest, path[$0...]) } || match(rest, path[path.endIndex...])
        }
        guard let segment = path.first, fnmatch(first, segment) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    private static func fnmatch(_ pattern: String, _ name: String) -> Bool {
        #if canImport(Glibc)
            return Glibc.fnmatch(pattern, name, 0) == 0
        #else
            return Darwin.fnmatch(pattern, name, 0) == 0
        #endif
    }
}
