/// Makes text from articles (or from a daemon's answer) harmless to print on a terminal.
///
/// An article can hold escape sequences, and so can a forged answer: printed as they are they
/// could retitle the window, move the cursor, rewrite what the user sees or, on some
/// terminals, answer back. Like ripgrep and less, the human and vimgrep outputs show control
/// characters instead of obeying them: C0 controls as their Unicode control pictures (`␛` for
/// ESC; one column, so alignment is kept), DEL as `␡`, C1 controls as U+FFFD. JSON output
/// escapes them as JSON does.
enum TerminalSafe {
    /// `text` with every control character replaced by a visible one.
    static func text(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(isControl(scalar) ? picture(of: scalar) : scalar)
        }
        return String(out)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private static func picture(of scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0..<0x20: Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}"
        case 0x7F: "\u{2421}"
        default: "\u{FFFD}"
        }
    }
}
