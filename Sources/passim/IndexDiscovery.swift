import Foundation
import PassimCore

/// Where a command's index is when `--index` is not given, in the order README's "Finding the
/// index" documents: `$PASSIM_INDEX`; the nearest `index/` holding a Passim index in the current
/// folder or a folder above (the project, as git finds `.git`); the user's index in the XDG data
/// folder. When none exists yet, a new one goes beside `corpus/` when the current folder has one,
/// else to the user's index.
struct IndexDiscovery {
    /// Why the index is where it is.
    enum Reason: Equatable {
        case option
        case environment
        case project
        case user
        /// None exists yet: where `ingest` creates one.
        case newProject
        case newUser
    }

    var environment: [String: String]
    var currentDirectory: String

    /// The index of `option` (`--index`) or, without it, the first that exists in the order above.
    func locate(option: String?) -> (layout: IndexLayout, reason: Reason) {
        if let option { return (IndexLayout(directory: option), .option) }
        if let path = environment["PASSIM_INDEX"], !path.isEmpty { return (IndexLayout(directory: path), .environment) }
        var folder = URL(fileURLWithPath: currentDirectory).standardizedFileURL
        while true {
            let candidate = IndexLayout(directory: folder.appendingPathComponent("index").path)
            if candidate.exists { return (candidate, .project) }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        let user = IndexLayout(directory: userIndex)
        if user.exists { return (user, .user) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: currentDirectory + "/corpus", isDirectory: &isDirectory),
            isDirectory.boolValue
        {
            return (IndexLayout(directory: currentDirectory + "/index"), .newProject)
        }
        return (user, .newUser)
    }

    /// The user's index: `$XDG_DATA_HOME/passim/index`, else `~/.local/share/passim/index`.
    var userIndex: String {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/passim/index" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/passim/index"
    }

    /// Where it looked, for "no index" messages.
    var searched: String {
        "no index found: looked for --index, $PASSIM_INDEX, index/ in \(currentDirectory) and the folders above it, "
            + "and \(userIndex); run `passim ingest FOLDER` to build one"
    }
}
