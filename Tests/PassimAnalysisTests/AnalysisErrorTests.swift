import CICU
import Testing

@testable import PassimAnalysis

@Suite struct AnalysisErrorTests {
    /// A break iterator ICU cannot open surfaces as a typed error that says what to check.
    @Test func breakIteratorFailureIsTyped() {
        #expect {
            _ = try ICUBreaker(kind: cicu_break_kind(rawValue: 7), locale: "en")
        } throws: { error in
            guard let error = error as? AnalysisError else { return false }
            return error.code == .breakIteratorUnavailable
                && error.message == "unknown cicu_break_kind"
                && error.description.contains("check that ICU 72")
        }
    }

    @Test func stemmerFailureDescriptionSaysWhatToDo() {
        let error = AnalysisError(code: .stemmerUnavailable, message: "unknown language")
        #expect(error.description.contains("unknown language"))
        #expect(error.description.contains("libxapian"))
    }
}
