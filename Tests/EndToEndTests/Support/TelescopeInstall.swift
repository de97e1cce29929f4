import Foundation
import Testing

/// Telescope and plenary.nvim (its one dependency) where Neovim users install them, for the
/// Telescope picker's test. Debian does not package either, and the tests download nothing:
/// `$PASSIM_TEST_TELESCOPE` names a folder that holds `telescope.nvim` and `plenary.nvim`
/// (checkouts of both), else Neovim's package folders are looked in (`pack/*/start` and
/// `pack/*/opt` under `~/.local/share/nvim/site`, `/usr/local/share/nvim/site` and
/// `/usr/share/nvim/site`).
struct TelescopeInstall: Sendable {
    let telescope: String
    let plenary: String

    static let found: TelescopeInstall? = {
        let environment = ProcessInfo.processInfo.environment
        var folders: [String] = []
        if let given = environment["PASSIM_TEST_TELESCOPE"], !given.isEmpty { folders.append(given) }
        let sites = [
            environment["HOME"].map { "\($0)/.local/share/nvim/site" }, "/usr/local/share/nvim/site",
            "/usr/share/nvim/site",
        ].compactMap { $0 }
        for site in sites {
            let packs = (try? FileManager.default.contentsOfDirectory(atPath: "\(site)/pack")) ?? []
            folders += packs.flatMap { ["\(site)/pack/\($0)/start", "\(site)/pack/\($0)/opt"] }
        }
        func plugin(_ name: String, in folder: String) -> String? {
            let path = "\(folder)/\(name)/lua"
            return FileManager.default.fileExists(atPath: path) ? "\(folder)/\(name)" : nil
        }
        let telescope = folders.lazy.compactMap { plugin("telescope.nvim", in: $0) }.first
        let plenary = folders.lazy.compactMap { plugin("plenary.nvim", in: $0) }.first
        guard let telescope, let plenary else { return nil }
        return TelescopeInstall(telescope: telescope, plenary: plenary)
    }()

    static let notFound = Comment(
        rawValue: """
            Telescope is not installed (Debian packages neither telescope.nvim nor plenary.nvim): \
            set PASSIM_TEST_TELESCOPE to a folder holding checkouts of both, or install them in a \
            Neovim package folder
            """)
}
