/// A failure to set up analysis: ICU or the stemmer could not be opened.
///
/// Analysis of a Swift `String` itself cannot fail (it is always valid UTF-8), so these errors
/// only come from initializers, when the ICU data or Xapian's stemmer is missing or broken.
public struct AnalysisError: Error, Sendable, CustomStringConvertible {
    /// What could not be set up.
    public enum Code: String, Sendable {
        /// ICU could not open a word or sentence break iterator (missing ICU data?).
        case breakIteratorUnavailable
        /// Xapian has no stemmer for the requested language.
        case stemmerUnavailable
    }

    /// What failed.
    public let code: Code
    /// The underlying library's own message, e.g. ICU's `U_MISSING_RESOURCE_ERROR`.
    public let message: String

    /// Creates an error with a code and the library's message.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// A sentence that says what failed and what to do about it.
    public var description: String {
        switch code {
        case .breakIteratorUnavailable:
            "cannot open an ICU break iterator (\(message)); check that ICU 72 and its data "
                + "(libicu72) are installed"
        case .stemmerUnavailable:
            "cannot open the Xapian stemmer (\(message)); check that libxapian30 is installed and "
                + "supports the language"
        }
    }
}
