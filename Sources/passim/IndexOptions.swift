import ArgumentParser
import Foundation
import PassimCore

/// The `--index` option every command shares.
struct IndexOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Index directory (default: $PASSIM_INDEX, else the nearest index/ here or above, else "
                + "$XDG_DATA_HOME/passim/index).",
            valueName: "dir"))
    var index: String?

    /// Where the index is, found as README's "Finding the index" says.
    var discovery: IndexDiscovery {
        IndexDiscovery(
            environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath)
    }

    /// The index to use (or to create, for `ingest`).
    var layout: IndexLayout { discovery.locate(option: index).layout }
}
