import CXapian

/// A Snowball stemmer from Xapian; not Sendable: use one per thread.
public final class Stemmer {
    private let handle: OpaquePointer

    /// Creates a stemmer for `language` ("english", "en", "french", ...); throws `.invalidArgument` for an unknown one.
    public init(language: String = "english") throws(XapianError) {
        if language.utf8.contains(0) {
            throw .invalidArgument("the stemmer language contains a NUL byte")
        }
        handle = try cxapianMake { error in cxapian_stemmer_new(language, &error) }
    }

    deinit {
        cxapian_stemmer_free(handle)
    }

    /// The stem of one already case-folded word (the word itself if stemming fails).
    public func stem(_ word: String) -> String {
        var out = cxapian_string()
        var error = cxapian_error()
        let status = word.withCBytes { bytes, count in
            cxapian_stemmer_stem(handle, bytes, count, &out, &error)
        }
        // Stemming fails only when memory runs out; the unstemmed word is still a usable term.
        return status == 0 ? takeString(out) : word
    }
}
