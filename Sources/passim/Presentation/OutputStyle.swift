/// How text output is decorated: ANSI colours on a terminal, plain otherwise.
public struct OutputStyle: Sendable {
    public var color: Bool

    public init(color: Bool) {
        self.color = color
    }

    /// Colour only when writing to a terminal and `NO_COLOR` is unset (https://no-color.org).
    public static func detect(
        isTerminal: Bool, environment: [String: String], choice: ColorChoice = .auto
    ) -> OutputStyle {
        switch choice {
        case .always: return OutputStyle(color: true)
        case .never: return OutputStyle(color: false)
        case .auto:
            let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            return OutputStyle(color: isTerminal && !noColor && environment["TERM"] != "dumb")
        }
    }

    func path(_ text: String) -> String { wrap(text, "35") }
    func title(_ text: String) -> String { wrap(text, "1") }
    func lineNumber(_ text: String) -> String { wrap(text, "32") }
    func match(_ text: String) -> String { wrap(text, "1;31") }
    func dim(_ text: String) -> String { wrap(text, "2") }

    /// `text` made safe for a terminal, in colour when colour is on: only the escapes added
    /// here reach the terminal.
    private func wrap(_ text: String, _ code: String) -> String {
        let safe = TerminalSafe.text(text)
        guard !safe.isEmpty else { return "" }
        return color ? "\u{1B}[\(code)m\(safe)\u{1B}[0m" : safe
    }
}

/// `--color`: whether the human output is coloured.
public enum ColorChoice: String, CaseIterable, Sendable {
    /// On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`.
    case auto
    /// Always, e.g. into `less -R` or fzf with `--ansi`.
    case always
    /// Never.
    case never
}
