/// The version `passim --version` prints and the daemon reports.
enum PassimVersion {
    static let current = "0.1.0"
}
